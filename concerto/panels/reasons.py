"""The sortition engine's reasons in the reader's words.

The engine says what is wrong as codes and values (`engines/sortition/reasons.py`); a
panel stores those, and they become sentences only here, at display time, through
gettext. Panels computed before the engine spoke codes stored French sentences: those
are shown as they are.
"""

from django.utils.translation import gettext

from concerto.engines.sortition.reasons import Reason


def describe(stored: dict | str | Reason) -> str:
    if isinstance(stored, str):
        return stored
    if isinstance(stored, dict):
        stored = Reason.from_json(stored)
    return stored.text(gettext)


def error_reasons(error) -> list[Reason]:
    """The reasons of an engine error: infeasible quotas have several, bad input one."""
    return list(getattr(error, "reasons", None) or [error.reason])

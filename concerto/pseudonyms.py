"""Pseudonymous author identifiers for published and exported contributions.

An identifier is a keyed hash (HMAC-SHA256) under PSEUDONYMISATION_KEY, a secret of its
own: SECRET_KEY, which signs sessions and may leak or be left at its default, never keys
it, so knowing SECRET_KEY and the account numbers does not link an identifier to a person.

Each identifier is scoped: the hashed message names what is published (the scope) and
the process, so the same person gets

- the same identifier for all their contributions to one process (analysts can see that
  several contributions come from one person);
- unrelated identifiers from one process to another;
- unrelated identifiers for their questionnaire answers and for their signed
  contributions (proposals, comments, arguments...): an answer given in a questionnaire
  cannot be joined with a proposal shown under the person's name;
- unrelated identifiers in the organisers' exports and in the public files.

Which scope a contribution falls in is the domains' call: the open data's and the API's
in `concerto.opendata.anonymise`, the organisers' export's in `concerto.participation.exports`.
"""

import hashlib
import hmac
from enum import StrEnum

from django.conf import settings


class Scope(StrEnum):
    """What an identifier is published with; identifiers of two scopes never match."""

    CONTRIBUTIONS = "contributions"  # open data and API: signed contributions
    QUESTIONNAIRE_ANSWERS = "questionnaire-answers"  # open data and API: open answers
    EXPORT_CONTRIBUTIONS = "export-contributions"  # organisers' CSV export
    EXPORT_QUESTIONNAIRE_ANSWERS = "export-questionnaire-answers"
    OPINION_MAP_VOTES = "opinion-map-votes"  # organisers' votes export (Polis format)


def _digest(scope: str, process_id: int, key: str) -> str:
    # NUL separators: no scope, process and key can run into another's message.
    message = f"{scope}\x00{process_id}\x00{key}".encode()
    secret = settings.PSEUDONYMISATION_KEY.encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def pseudonymous_id(key: str | None, process_id: int, scope: str) -> str | None:
    """A 16-hex-digit identifier for `key` within `scope` and the process; None if no key."""
    if key is None:
        return None
    return _digest(scope, process_id, key)[:16]


def pseudonymous_number(key: str, process_id: int, scope: str) -> int:
    """The same as a positive integer below 2**52 (exact in JSON and spreadsheets), for
    formats that need numbers (Polis's voter ids)."""
    return int(_digest(scope, process_id, key)[:13], 16)

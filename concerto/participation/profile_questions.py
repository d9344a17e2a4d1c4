"""The questions of the account-level participant profile, and how answers are checked.

They are the State-wide catalogue's questions, so that an answer kept in the profile can
pre-fill any process that asks the same question. The catalogue is the representativeness
domain's (concerto.representativeness.catalogue), built on participation: it sets it here
from its AppConfig.ready(), so that participation does not import it (issue 20).
"""

from collections.abc import Sequence
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concerto.hooks import Slot

DEPARTEMENT = "departement"


class ProfileQuestion(Protocol):
    """What the profile reads of a catalogue question; its categories have a `code` and
    a `label`."""

    key: str
    prompt: str
    categories: Sequence

    def label_of(self, code: str) -> str: ...


# () -> {key: ProfileQuestion}, in catalogue order.
_catalogue = Slot(
    "The catalogue of profile questions",
    "No catalogue of profile questions: is concerto.representativeness installed?",
)
# Called from the representativeness app's ready().
set_catalogue = _catalogue.set


def profile_questions() -> dict[str, ProfileQuestion]:
    """Every question the profile asks, in catalogue order."""
    return dict(_catalogue())


def invalid_answer_message(key: str) -> str:
    if key == DEPARTEMENT:
        return _("Choisissez un département de la liste, par exemple 69, 2A ou 974.")
    return _("Choisissez une réponse de la liste.")


def clean_answers(answers: dict) -> dict[str, str]:
    """The given answers (empty ones dropped), each checked against its question's codes.

    Raises a ValidationError keyed by question, so that a form shows it next to the field.
    """
    questions = profile_questions()
    kept, errors = {}, {}
    for key, code in answers.items():
        if not code:
            continue
        question = questions.get(key)
        if question is None:
            errors.setdefault("__all__", []).append(_("Question inconnue : %s.") % key)
        elif code not in {c.code for c in question.categories}:
            errors[key] = invalid_answer_message(key)
        else:
            kept[key] = str(code)
    if errors:
        raise ValidationError(errors)
    return kept

"""The questions of the account-level participant profile, and how answers are checked.

They are the State-wide catalogue's questions (concerto.representativeness.catalogue),
so that an answer kept in the profile can pre-fill any process that asks the same
question.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concerto.representativeness.catalogue import ProfileQuestion, catalogue

DEPARTEMENT = "departement"


def profile_questions() -> dict[str, ProfileQuestion]:
    """Every question the profile asks, in catalogue order."""
    return dict(catalogue())


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

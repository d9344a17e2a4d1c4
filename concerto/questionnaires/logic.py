"""The rules of answering a questionnaire: which questions show, which answers are valid.

Pure functions over questions (anything with the attributes of `Question`) and
answers keyed by question id, so forms, actions and tests share one truth.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from concerto.participation.models.contribution import MAX_BODY_LENGTH
from concerto.questionnaires.models import QuestionKind

AnswerValue = str | int | list[str]


class AnswerError(ValueError):
    """An answer that does not fit its question; the message is shown to the participant."""


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def matches(value: Any, wanted: Iterable[str]) -> bool:
    """An answer satisfies a condition when it is, or contains, one of the wanted values."""
    if is_blank(value):
        return False
    given = value if isinstance(value, list) else [value]
    wanted = {str(item) for item in wanted}
    return any(str(item) in wanted for item in given)


def visible_ids(questions: Iterable, answers: Mapping[int, Any]) -> set[int]:
    """Ids of the questions shown given these answers.

    A conditional question shows when its source question shows and its answer
    is among the condition's values; questions come in their order, and a
    condition always points to an earlier question.
    """
    visible: set[int] = set()
    for question in questions:
        source = question.condition_question_id
        if source is None or (
            source in visible and matches(answers.get(source), question.condition_values)
        ):
            visible.add(question.pk)
    return visible


def normalise(question, value: Any) -> AnswerValue | None:
    """The canonical form of one answer, None when blank; AnswerError when it does not fit."""
    if is_blank(value):
        return None
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        if not isinstance(value, str) or value not in question.choices:
            raise AnswerError(_("Choisissez une des réponses proposées."))
        return value
    if kind == QuestionKind.MULTIPLE:
        values = [value] if isinstance(value, str) else list(value)
        if any(item not in question.choices for item in values):
            raise AnswerError(_("Choisissez parmi les réponses proposées."))
        # Stored in the questionnaire's order, so equal answers are equal values.
        return [choice for choice in question.choices if choice in values]
    if kind == QuestionKind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not question.scale_min <= number <= question.scale_max:
            raise AnswerError(
                _("Choisissez une valeur entre %(min)s et %(max)s.")
                % {"min": question.scale_min, "max": question.scale_max}
            )
        return number
    if kind == QuestionKind.RANKING:
        ranked = list(value)
        if sorted(ranked) != sorted(question.choices) or len(set(ranked)) != len(ranked):
            raise AnswerError(
                _("Classez toutes les propositions, en donnant un rang différent à chacune.")
            )
        return ranked
    if kind == QuestionKind.OPEN:
        text = str(value).strip()
        if len(text) > MAX_BODY_LENGTH:
            raise AnswerError(
                _("Votre réponse dépasse %(max)s caractères.")
                % {"max": number_format(MAX_BODY_LENGTH, force_grouping=True)}
            )
        return text or None
    raise AnswerError(_("Type de question inconnu."))


def check_answers(
    questions: Iterable, answers: Mapping[int, Any], *, final: bool
) -> tuple[dict[int, AnswerValue], dict[int, str]]:
    """Clean answers keyed by question id and errors keyed by question id.

    A draft keeps every valid answer. A final submission keeps only the answers
    to questions shown, ignores anything typed in hidden ones, and requires an
    answer to each required question shown.
    """
    questions = list(questions)
    cleaned: dict[int, AnswerValue] = {}
    errors: dict[int, str] = {}
    for question in questions:
        try:
            value = normalise(question, answers.get(question.pk))
        except AnswerError as error:
            errors[question.pk] = str(error)
            continue
        if value is not None:
            cleaned[question.pk] = value
    if final:
        visible = visible_ids(questions, cleaned)
        cleaned = {pk: value for pk, value in cleaned.items() if pk in visible}
        errors = {pk: message for pk, message in errors.items() if pk in visible}
        for question in questions:
            missing = question.pk not in cleaned and question.pk not in errors
            if question.pk in visible and question.required and missing:
                errors[question.pk] = _("Répondez à cette question : elle est obligatoire.")
    return cleaned, errors

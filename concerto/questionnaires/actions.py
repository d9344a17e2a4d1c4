"""Named write operations of questionnaires: building questions, answering, results."""

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from concerto.participation.actions import submit_contribution
from concerto.participation.actions.common import require
from concerto.participation.models import ContributionKind, Module
from concerto.participation.models.contribution import MAX_TITLE_LENGTH
from concerto.questionnaires.kind import QUESTIONNAIRE
from concerto.questionnaires.logic import check_answers
from concerto.questionnaires.models import (
    CHOICE_KINDS,
    CONDITION_SOURCE_KINDS,
    Answer,
    Question,
    QuestionKind,
    Response,
)

QUESTION_FIELDS = (
    "kind", "text", "help_text", "choices", "required", "scale_min", "scale_max",
    "scale_min_label", "scale_max_label", "condition_question", "condition_values",
)  # fmt: skip
# What answers depend on: frozen once someone has answered, even as a draft.
STRUCTURAL_FIELDS = (
    "kind", "choices", "required", "scale_min", "scale_max", "condition_question_id",
    "condition_values",
)  # fmt: skip
MAX_SCALE_VALUES = 11


def locked_message() -> str:
    return _(
        "Des participants ont déjà commencé à répondre : les questions ne peuvent plus être "
        "ajoutées, supprimées, déplacées ni modifiées sur le fond (type, choix, échelle, "
        "condition, caractère obligatoire). Vous pouvez seulement corriger le libellé et l'aide."
    )


def has_responses(module: Module) -> bool:
    return Response.objects.filter(module=module).exists()


# Organisers: building the questionnaire


@transaction.atomic
def add_question(module: Module, *, actor, **fields) -> Question:
    """Add a question at the end of the questionnaire, while nobody has answered."""
    require(module, actor, "manage", kind=QUESTIONNAIRE)
    _lock_module(module)
    if has_responses(module):
        raise ValidationError(locked_message())
    last = module.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(module=module, position=last + 1)
    _assign(question, fields)
    _validate(question)
    question.save()
    return question


@transaction.atomic
def update_question(question: Question, *, actor, **fields) -> Question:
    """Edit a question; once someone has answered, only its wording may change."""
    module = question.module
    require(module, actor, "manage", kind=QUESTIONNAIRE)
    _lock_module(module)
    question = Question.objects.select_for_update().get(pk=question.pk)
    before = {name: getattr(question, name) for name in STRUCTURAL_FIELDS}
    _assign(question, fields)
    after = {name: getattr(question, name) for name in STRUCTURAL_FIELDS}
    if before != after and has_responses(module):
        raise ValidationError(locked_message())
    _validate(question)
    question.save()
    return question


@transaction.atomic
def delete_question(question: Question, *, actor) -> None:
    module = question.module
    require(module, actor, "manage", kind=QUESTIONNAIRE)
    _lock_module(module)
    if has_responses(module):
        raise ValidationError(locked_message())
    dependent = question.dependents.first()
    if dependent is not None:
        raise ValidationError(
            _("La question « %(text)s » ne s'affiche que selon la réponse à celle-ci : retirez "
              "d'abord sa condition.") % {"text": dependent.text}
        )  # fmt: skip
    question.delete()
    for position, sibling in enumerate(module.questions.all(), start=1):
        if sibling.position != position:
            Question.objects.filter(pk=sibling.pk).update(position=position)


@transaction.atomic
def move_question(question: Question, *, actor, offset: int) -> Question:
    """Swap the question with its neighbour above (offset -1) or below (offset +1)."""
    module = question.module
    require(module, actor, "manage", kind=QUESTIONNAIRE)
    _lock_module(module)
    if has_responses(module):
        raise ValidationError(locked_message())
    siblings = list(module.questions.all())
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == question.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return question
    siblings[index], siblings[target] = siblings[target], siblings[index]
    order = {sibling.pk: position for position, sibling in enumerate(siblings)}
    for sibling in siblings:
        source = sibling.condition_question_id
        if source is not None and order[source] > order[sibling.pk]:
            raise ValidationError(
                _("La question « %(text)s » dépend de la réponse à une question précédente : "
                  "elle doit rester après elle.") % {"text": sibling.text}
            )  # fmt: skip
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            Question.objects.filter(pk=sibling.pk).update(position=position)
    question.refresh_from_db()
    return question


@transaction.atomic
def set_results_public(module: Module, *, actor, public: bool) -> Module:
    """Open (or close) the live results of closed questions to the public."""
    require(module, actor, "manage", kind=QUESTIONNAIRE)
    if module.results_public != public:
        module.results_public = public
        module.save(update_fields=["results_public"])
    return module


def _lock_module(module: Module) -> None:
    # Serialises structure edits against a first answer being saved.
    Module.objects.select_for_update().filter(pk=module.pk).first()


def _assign(question: Question, fields: dict) -> None:
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(question, name, value)
    if question.kind in CHOICE_KINDS:
        question.choices = [
            str(choice).strip() for choice in question.choices if str(choice).strip()
        ]
    else:
        question.choices = []
    if question.condition_question_id is None:
        question.condition_values = []
    else:
        question.condition_values = [
            str(value).strip() for value in question.condition_values if str(value).strip()
        ]


def _validate(question: Question) -> None:
    errors: dict[str, list[str]] = {}
    if question.kind in CHOICE_KINDS:
        if len(question.choices) < 2:
            errors.setdefault("choices", []).append(_("Proposez au moins deux choix."))
        elif len(set(question.choices)) != len(question.choices):
            errors.setdefault("choices", []).append(_("Deux choix sont identiques."))
    if question.kind == QuestionKind.SCALE:
        if question.scale_max <= question.scale_min:
            errors.setdefault("scale_max", []).append(
                _("Le maximum de l'échelle doit être supérieur au minimum.")
            )
        elif question.scale_max - question.scale_min + 1 > MAX_SCALE_VALUES:
            errors.setdefault("scale_max", []).append(
                _("Une échelle compte au plus %(count)s valeurs.") % {"count": MAX_SCALE_VALUES}
            )
    source = question.condition_question
    if source is not None:
        if source.module_id != question.module_id or source.pk == question.pk:
            errors.setdefault("condition_question", []).append(
                _("Choisissez une question de ce questionnaire.")
            )
        elif (source.position, source.pk) >= (question.position, question.pk or 0) and (
            question.pk is not None
        ):
            errors.setdefault("condition_question", []).append(
                _("La condition doit porter sur une question placée avant celle-ci.")
            )
        elif source.kind not in CONDITION_SOURCE_KINDS:
            errors.setdefault("condition_question", []).append(
                _("Une condition porte sur une question à choix ou à échelle.")
            )
        elif not question.condition_values:
            errors.setdefault("condition_values", []).append(
                _("Indiquez au moins une réponse qui affiche la question.")
            )
        else:
            unknown = [value for value in question.condition_values if value not in source.options]
            if unknown:
                errors.setdefault("condition_values", []).append(
                    _("Ces réponses ne sont pas proposées par la question choisie : %(values)s.")
                    % {"values": ", ".join(f"« {value} »" for value in unknown)}
                )
    if question.pk is not None:
        for dependent in question.dependents.all():
            if question.kind not in CONDITION_SOURCE_KINDS or any(
                value not in question.options for value in dependent.condition_values
            ):
                errors.setdefault(None, []).append(
                    _("La question « %(text)s » s'affiche selon la réponse à celle-ci : "
                      "gardez un type et des choix compatibles avec sa condition.")
                    % {"text": dependent.text}
                )  # fmt: skip
    if errors:
        raise ValidationError({key or "__all__": value for key, value in errors.items()})
    question.full_clean(exclude=["module", "condition_question"])


# Participants: answering


def _require_participant(module: Module, participant) -> None:
    """Questionnaires are answered with an account, while the module is open."""
    if module.kind != QUESTIONNAIRE:
        raise PermissionDenied
    if not (participant is not None and participant.is_authenticated):
        raise PermissionDenied
    require(module, participant, "contribute")


def _field_errors(errors: dict[int, str]) -> ValidationError:
    return ValidationError({f"q_{pk}": message for pk, message in errors.items()})


def already_sent_message() -> str:
    return _("Vous avez déjà envoyé vos réponses à ce questionnaire.")


def save_draft(
    module: Module, *, participant, answers: dict[int, Any], idempotency_key: uuid.UUID | None
) -> Response:
    """Store the answers typed so far, to resume later; nothing is required yet."""
    _require_participant(module, participant)
    questions = list(module.questions.all())
    cleaned, errors = check_answers(questions, answers, final=False)
    if errors:
        raise _field_errors(errors)
    with transaction.atomic():
        response = _locked_response(module, participant, idempotency_key)
        if response.status == Response.Status.SUBMITTED:
            raise ValidationError(already_sent_message())
        _store(response, cleaned)
        response.save(update_fields=["updated_at"])
    return response


def submit_response(
    module: Module,
    *,
    participant,
    answers: dict[int, Any],
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
) -> tuple[Response, bool]:
    """Send the participant's answers, once.

    Answers to questions hidden by a condition are dropped; each required
    question shown needs an answer. Each open answer becomes a core
    contribution of kind ANSWER, titled with its question. Returns (response,
    sent): sending again (double click, retry) changes nothing.
    """
    if idempotency_key is not None:
        done = Response.objects.filter(
            idempotency_key=idempotency_key, status=Response.Status.SUBMITTED
        ).first()
        if done is not None and participant is not None and done.participant_id == participant.pk:
            return done, False
    _require_participant(module, participant)
    questions = list(module.questions.all())
    cleaned, errors = check_answers(questions, answers, final=True)
    if errors:
        raise _field_errors(errors)
    with transaction.atomic():
        response = _locked_response(module, participant, idempotency_key)
        if response.status == Response.Status.SUBMITTED:
            return response, False
        stored = _store(response, cleaned)
        for question in questions:
            if question.kind != QuestionKind.OPEN or question.pk not in cleaned:
                continue
            contribution, _created = submit_contribution(
                module,
                author=participant,
                kind=ContributionKind.ANSWER,
                title=Truncator(question.text).chars(MAX_TITLE_LENGTH),
                body=cleaned[question.pk],
                # One key per question of this response: a retry finds the same contribution.
                idempotency_key=uuid.uuid5(response.idempotency_key, f"question-{question.pk}"),
                address=address,
            )
            answer = stored[question.pk]
            # The text now lives in the contribution, where it is moderated and answered.
            answer.contribution = contribution
            answer.value = None
            answer.save(update_fields=["contribution", "value"])
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.save(update_fields=["status", "submitted_at", "updated_at"])
    return response, True


def _locked_response(module: Module, participant, idempotency_key) -> Response:
    """The participant's response to the module, created if needed, locked for update."""
    response = (
        Response.objects.select_for_update().filter(module=module, participant=participant).first()
    )
    if response is not None:
        return response
    key = idempotency_key
    if key is None or Response.objects.filter(idempotency_key=key).exists():
        key = uuid.uuid4()
    try:
        with transaction.atomic():
            return Response.objects.create(
                module=module, participant=participant, idempotency_key=key
            )
    except IntegrityError:
        # The same participant's other request created it first.
        return Response.objects.select_for_update().get(module=module, participant=participant)


def _store(response: Response, cleaned: dict[int, Any]) -> dict[int, Answer]:
    response.answers.all().delete()
    answers = Answer.objects.bulk_create(
        Answer(response=response, question_id=pk, value=value) for pk, value in cleaned.items()
    )
    return {answer.question_id: answer for answer in answers}

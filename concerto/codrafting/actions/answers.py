"""The organiser answers each suggestion through the devoir de suite: the answer is a
follow-up answer covering the suggestion (and those merged into it), dated when the
sponsor publishes it, and its authors are told like every participant answered."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.followup.actions import save_answer
from concerto.followup.models import Answer, AnswerLevel, AnswerStatus
from concerto.participation.models import Contribution
from concerto.processes.actions.common import locked


class Decision(models.TextChoices):
    ACCEPTED = "accepted", gettext_lazy("Retenue")
    ACCEPTED_WITH_CHANGES = (
        "accepted_with_changes",
        gettext_lazy("Retenue avec modifications (publiée comme « Partiellement retenue »)"),
    )
    REJECTED = "rejected", gettext_lazy("Non retenue")


# The follow-up status each decision is published under (followup/migrations/0002).
STATUS_CODES = {
    Decision.ACCEPTED: "retained",
    Decision.ACCEPTED_WITH_CHANGES: "partly-retained",
    Decision.REJECTED: "not-retained",
}


def answers_of(suggestion: Contribution):
    return Answer.objects.filter(contributions=suggestion)


@transaction.atomic
def answer_suggestion(
    suggestion: Contribution,
    *,
    actor,
    decision: str,
    text: str,
    reason: str = "",
    idempotency_key=None,
) -> Answer:
    """Draft the answer to one suggestion (replacing a draft answer to it); the sponsor
    publishes it with the process's other answers. A suggestion merged into another is
    answered through that one."""
    if not hasattr(suggestion, "text_suggestion"):
        raise ValidationError(_("Seules les suggestions sur le texte se traitent ici."))
    if suggestion.merged_into_id is not None:
        raise ValidationError(
            _("Cette suggestion a été fusionnée : répondez à celle qui la regroupe.")
        )
    if decision not in STATUS_CODES:
        raise ValidationError({"decision": _("Choisissez : retenue, avec modifications, ou non.")})
    # The process row is locked before the draft is looked for (save_answer takes the same
    # lock): a second click waits here, then finds the first click's draft and replaces it
    # instead of drafting a second answer.
    process = locked(suggestion.module.process)
    existing = answers_of(suggestion).order_by("-pk").first()
    if existing is not None and existing.published_at is not None:
        raise ValidationError(
            _("La réponse à cette suggestion est publiée : modifiez-la depuis le suivi.")
        )
    status = AnswerStatus.objects.filter(code=STATUS_CODES[decision]).first()
    if status is None:  # the administrators removed it from the follow-up's statuses
        raise ValidationError(
            {"decision": _("Ce statut de réponse n'existe plus : choisissez-en un autre.")}
        )
    covered = [suggestion, *Contribution.objects.filter(merged_into=suggestion, status="published")]
    fields = {
        "level": AnswerLevel.PROPOSAL,
        "target": suggestion.title[:255],
        "status": status,
        "text": text,
        "reason": reason,
    }
    return save_answer(
        process, actor=actor, fields=fields, contributions=covered, answer=existing,
        idempotency_key=idempotency_key if existing is None else None,
    )  # fmt: skip

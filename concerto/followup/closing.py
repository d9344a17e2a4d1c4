"""Closing participation and publishing the follow-up: the end of the citizens' part."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concerto.followup.abilities import followup_abilities
from concerto.followup.models import Answer
from concerto.followup.versions import record_commitments
from concerto.processes.actions.common import locked, transition
from concerto.processes.models import Process


def _require(process: Process, actor, ability: str) -> None:
    if not followup_abilities(process, actor)[ability]:
        raise PermissionDenied


@transaction.atomic
def close_participation(process: Process, *, actor, reason: str = "") -> Process:
    """Close participation; the published commitments get their first, chained version."""
    process = locked(process)
    _require(process, actor, "close_participation")
    transition(process, "close_participation", actor, reason)
    record_commitments(process, reason=_("Engagements à la clôture de la participation"))
    return process


@transaction.atomic
def publish_follow_up(process: Process, *, actor, reason: str = "") -> Process:
    """Mark the follow-up as published, once at least one answer is public."""
    process = locked(process)
    _require(process, actor, "publish_follow_up")
    if not Answer.objects.filter(process=process).published().exists():
        raise ValidationError(_("Publiez d'abord au moins une réponse aux contributions."))
    transition(process, "publish_follow_up", actor, reason)
    return process

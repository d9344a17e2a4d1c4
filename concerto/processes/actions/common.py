from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from concerto.activity.log import record
from concerto.processes.lifecycle import ACTION_LABELS, TRANSITIONS, Status
from concerto.processes.models import Process, Transition


class EditConflict(Exception):
    """Someone else saved the same object since the form was opened."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Ce contenu a été modifié par une autre personne depuis que vous l'avez ouvert. "
                "Vos saisies sont conservées ci-dessous : vérifiez la version à jour puis "
                "enregistrez à nouveau."
            )
        )


def require(process: Process, user, ability: str) -> None:
    if not process.get_abilities(user)[ability]:
        raise PermissionDenied


def locked(process: Process) -> Process:
    """The process row, locked until the end of the transaction, with fresh values."""
    return Process.objects.select_for_update().get(pk=process.pk)


def transition(process: Process, action: str, actor, reason: str = "") -> Transition:
    """Move a (locked) process along the lifecycle and log who did it, when and why.

    Actions whose target is None log an event without changing the status.
    """
    sources, target = TRANSITIONS[action]
    target = target or process.status
    if process.status not in sources:
        raise ValidationError(
            _("Action impossible : le dispositif est au statut « %(status)s ».")
            % {"status": process.get_status_display()}
        )
    log = Transition.objects.create(
        process=process,
        action=action,
        from_status=process.status,
        to_status=target,
        actor=actor,
        reason=reason,
    )
    process.status = target
    process.save(update_fields=["status", "updated_at"])
    summary = ACTION_LABELS.get(action) or _("Statut : %(from)s → %(to)s") % {
        "from": Status(log.from_status).label,
        "to": Status(target).label,
    }
    record(actor, f"processes.{action}", process, summary=summary, reason=reason)
    return log

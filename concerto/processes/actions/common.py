from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from concerto.processes.lifecycle import PROCESS_WORKFLOW
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
    """Take the lifecycle's step `action` on a (locked) process: refused from a status it
    does not start from, else written in the process's log and the activity log."""
    return PROCESS_WORKFLOW.take(process, action, actor, reason=reason, also_save=("updated_at",))

from django.core.exceptions import PermissionDenied

from concerto.processes.lifecycle import PROCESS_WORKFLOW
from concerto.processes.models import Process, Transition


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

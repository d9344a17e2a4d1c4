"""The ministry's own back-and-forth before the referral: the agent hands the declaration
to the referent, who refers it to the CIPC or sends it back with remarks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concerto.notifications.actions import notify
from concerto.processes.actions.common import locked, require, transition
from concerto.processes.actions.referral import referents_of
from concerto.processes.models import Process, Transition


@transaction.atomic
def mark_ready_for_referent(process: Process, *, actor, note: str = "") -> Transition:
    """The agent says the declaration is ready: the ministry's referents are told."""
    process = locked(process)
    require(process, actor, "mark_ready_for_referent")
    log = transition(process, "mark_ready_for_referent", actor, note.strip())
    notify(
        [user for user in referents_of(process.ministry) if user != actor],
        subject=_("Dispositif prêt pour votre validation : %(title)s") % {"title": process.title},
        body=_("%(agent)s a terminé la déclaration du dispositif « %(title)s » et attend "
               "votre validation avant la saisine du CIPC.")
        % {"agent": actor, "title": process.title},
        url=process.get_workspace_url(),
    )  # fmt: skip
    return log


def latest_handover(process: Process) -> Transition | None:
    """The last hand-over between agent and referent, with its remarks if any."""
    return (
        process.transitions.filter(action__in=["mark_ready_for_referent", "return_to_agent"])
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


@transaction.atomic
def return_to_agent(process: Process, *, actor, remarks: str) -> Transition:
    """The referent sends the declaration back to the agent who handed it over, with the
    remarks to address; the remarks are required and logged as the transition's reason."""
    process = locked(process)
    require(process, actor, "return_to_agent")
    remarks = remarks.strip()
    if not remarks:
        raise ValidationError(
            {"remarks": _("Indiquez vos remarques : l'agent doit savoir quoi reprendre.")}
        )
    handed_over = latest_handover(process)
    log = transition(process, "return_to_agent", actor, remarks)
    waiting = handed_over.actor if handed_over else None
    notify(
        [user for user in (waiting, process.project_lead) if user and user != actor],
        subject=_("Remarques de votre référent sur « %(title)s »") % {"title": process.title},
        body=remarks,
        url=process.get_workspace_url(),
    )
    return log

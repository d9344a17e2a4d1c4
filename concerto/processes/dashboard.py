"""What the processes domain shows on each role's dashboard."""

from concerto.accounts.roles import Role
from concerto.processes.models import Process
from concerto.processes.views.review import pending_referrals


def ministry_panel(user) -> dict:
    processes = (
        Process.objects.filter(ministry_id__in=user.ministry_ids(Role.AGENT, Role.REFERENT))
        .select_related("ministry", "referral")
        .order_by("-updated_at")
    )
    return {"template": "processes/dashboard/ministry.html", "processes": processes}


def cipc_panel(user) -> dict:
    return {
        "template": "processes/dashboard/cipc.html",
        "referrals": pending_referrals(),
    }


PANELS = {Role.AGENT: ministry_panel, Role.REFERENT: ministry_panel, Role.CIPC_ADVISOR: cipc_panel}

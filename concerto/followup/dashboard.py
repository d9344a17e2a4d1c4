"""What the follow-up shows on the dashboards: the late commitments, the ministry's for
its agents and referent, all of them for the CIPC (above the processes' panel)."""

from concerto.accounts.roles import Role
from concerto.followup.queries import late_commitments


def ministry_late_panel(user) -> dict:
    late = late_commitments().filter(
        process__ministry_id__in=user.ministry_ids(Role.AGENT, Role.REFERENT)
    )
    return {"template": "followup/dashboard/late.html", "late": late}


def cipc_late_panel(user) -> dict:
    return {"template": "followup/dashboard/late.html", "late": late_commitments()}


PANELS = {
    Role.AGENT: ministry_late_panel,
    Role.REFERENT: ministry_late_panel,
    Role.CIPC_ADVISOR: cipc_late_panel,
}

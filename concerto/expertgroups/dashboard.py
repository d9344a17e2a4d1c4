"""What expert groups and evaluations show on the dashboards."""

from concerto.accounts.roles import Role
from concerto.evaluation.models import EvaluatorGrant
from concerto.expertgroups.models import ExpertGroup
from concerto.expertgroups.queries import published_recommendations, with_current_answers


def expert_panel(user) -> dict:
    groups = ExpertGroup.objects.filter(memberships__user=user).prefetch_related("processes")
    grants = EvaluatorGrant.objects.filter(expert=user).select_related("process")
    return {"template": "expertgroups/dashboard/expert.html", "groups": groups, "grants": grants}


def cipc_panel(user) -> dict:
    late = [r for r in with_current_answers(published_recommendations()) if r.late]
    return {
        "template": "expertgroups/dashboard/cipc.html",
        "groups": ExpertGroup.objects.all(),
        "late": late,
    }


PANELS = {Role.EXPERT: expert_panel, Role.CIPC_ADVISOR: cipc_panel}

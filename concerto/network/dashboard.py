"""What the referents network shows on dashboards: for a referent, the ministry's
processes by lifecycle state, follow-ups due soon and plan actions due."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.followup.queries import commitments_with_delivery
from concerto.network.models import ActionPlan, PlanAction
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process

SOON = timedelta(days=30)


def referent_panel(user) -> dict:
    ministries = user.ministry_ids(Role.REFERENT)
    today = timezone.localdate()
    counts = dict(
        Process.objects.filter(ministry_id__in=ministries)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_status = [(label, counts[value]) for value, label in Status.choices if counts.get(value)]
    due_soon = (
        commitments_with_delivery()
        .filter(
            process__ministry_id__in=ministries,
            delivered_at__isnull=True,
            due_date__gte=today,
            due_date__lte=today + SOON,
        )
        .select_related("process")
    )
    actions_due = (
        PlanAction.objects.open()
        .filter(plan__ministry_id__in=ministries, due_date__lte=today + SOON)
        .select_related("plan__ministry", "owner")
    )
    plans = ActionPlan.objects.filter(ministry_id__in=ministries).select_related("ministry")
    return {
        "template": "network/dashboard/referent.html",
        "by_status": by_status,
        "due_soon": due_soon,
        "actions_due": actions_due,
        "plans": plans,
    }


def cipc_panel(user) -> dict:
    late = PlanAction.objects.late().count()
    return {"template": "network/dashboard/cipc.html", "late_actions": late}


PANELS = {Role.REFERENT: referent_panel, Role.CIPC_ADVISOR: cipc_panel}

"""What the support domain shows on the role dashboards."""

from django.db.models import Count, Q

from concerto.accounts.roles import Role
from concerto.support.actions import cipc_advisors
from concerto.support.models import OPEN_STATUSES, Formula, SupportRequest


def requester_panel(user) -> dict:
    support_requests = SupportRequest.objects.filter(requester=user).select_related(
        "ministry", "advisor"
    )
    return {"template": "support/dashboard/requester.html", "support_requests": support_requests}


def referent_panel(user) -> dict | None:
    support_requests = SupportRequest.objects.filter(
        ministry_id__in=user.ministry_ids(Role.REFERENT)
    ).select_related("ministry", "advisor")
    return {"template": "support/dashboard/referent.html", "support_requests": support_requests}


def cipc_panel(user) -> dict:
    open_requests = SupportRequest.objects.filter(status__in=OPEN_STATUSES)
    by_ministry = (
        open_requests.values("ministry__name")
        .annotate(
            end_to_end=Count("pk", filter=Q(formula_requested=Formula.END_TO_END)),
            coaching=Count("pk", filter=Q(formula_requested=Formula.COACHING)),
            total=Count("pk"),
        )
        .order_by("ministry__name")
    )
    load = cipc_advisors().annotate(
        open_load=Count(
            "supported_requests",
            filter=Q(supported_requests__status__in=OPEN_STATUSES),
            distinct=True,
        )
    )
    to_triage = (
        SupportRequest.objects.filter(status="submitted")
        .select_related("ministry", "advisor")
        .order_by("created_at", "pk")
    )
    return {
        "template": "support/dashboard/cipc.html",
        "by_ministry": by_ministry,
        "load": load,
        "support_requests": to_triage,
    }


PANELS = {
    Role.AGENT: requester_panel,
    Role.REFERENT: referent_panel,
    Role.CIPC_ADVISOR: cipc_panel,
}

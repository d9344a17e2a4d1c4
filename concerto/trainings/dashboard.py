"""What the trainings domain shows on the role dashboards."""

from django.db.models import Count, Q
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.trainings.models import Registration, Session


def learner_panel(user) -> dict:
    registrations = (
        Registration.objects.filter(user=user, session__ends_at__gt=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("session__training")
        .order_by("session__starts_at")
    )
    return {"template": "trainings/dashboard/learner.html", "registrations": registrations}


def cipc_panel(user) -> dict:
    recent = timezone.now() - timezone.timedelta(days=14)
    sessions = (
        Session.objects.filter(ends_at__gt=recent)
        .select_related("training")
        .annotate(
            taken=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
        )
        .order_by("starts_at")[:10]
    )
    return {"template": "trainings/dashboard/cipc.html", "sessions": sessions}


PANELS = {
    Role.AGENT: learner_panel,
    Role.REFERENT: learner_panel,
    Role.CIPC_ADVISOR: cipc_panel,
}

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils import timezone

from concerto.accounts.models import Organisation, User
from concerto.accounts.roles import OrganisationKind, Role
from concerto.folding import french_order
from concerto.network.models import ActionPlan, Deputy
from concerto.network.models.plans import CLOSED_ACTION_STATUSES, ActionStatus


def network_members() -> list[User]:
    """Referents and deputies: the people meetings invite and minutes are sent to."""
    return list(
        User.objects.filter(
            Q(memberships__role=Role.REFERENT) | Q(deputyships__isnull=False), is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


@dataclass(frozen=True)
class DirectoryEntry:
    ministry: Organisation
    referents: list
    deputies: list


def directory() -> list[DirectoryEntry]:
    ministries = Organisation.objects.filter(kind=OrganisationKind.MINISTRY).order_by(
        *french_order("name")
    )
    referents: dict[int, list] = {}
    for user in User.objects.filter(memberships__role=Role.REFERENT, is_active=True).annotate(
        ministry_id=Max("memberships__organisation_id", filter=Q(memberships__role=Role.REFERENT))
    ):
        referents.setdefault(user.ministry_id, []).append(user)
    deputies: dict[int, list] = {}
    for deputy in Deputy.objects.select_related("user").filter(user__is_active=True):
        deputies.setdefault(deputy.ministry_id, []).append(deputy)
    return [
        DirectoryEntry(ministry, referents.get(ministry.pk, []), deputies.get(ministry.pk, []))
        for ministry in ministries
    ]


def plan_progress():
    """Every plan with its actions counted by status, late ones and last update: one query."""
    today = timezone.localdate()
    open_actions = ~Q(actions__status__in=CLOSED_ACTION_STATUSES)
    return (
        ActionPlan.objects.select_related("ministry")
        .annotate(
            total=Count("actions"),
            planned=Count("actions", filter=Q(actions__status=ActionStatus.PLANNED)),
            in_progress=Count("actions", filter=Q(actions__status=ActionStatus.IN_PROGRESS)),
            done=Count("actions", filter=Q(actions__status=ActionStatus.DONE)),
            abandoned=Count("actions", filter=Q(actions__status=ActionStatus.ABANDONED)),
            late=Count("actions", filter=open_actions & Q(actions__due_date__lt=today)),
            last_change=Max("actions__updated_at"),
        )
        .order_by("ministry__name")
    )


def completion(plan) -> int | None:
    """Share of the plan's actions done, abandoned ones left out, as a whole percentage."""
    counted = plan.total - plan.abandoned
    return None if counted == 0 else round(100 * plan.done / counted)

"""Read-side questions about the follow-up: delivery, lateness and State-wide figures."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from concerto.accounts.models import Organisation
from concerto.followup.models import Answer
from concerto.participation.models import Contribution
from concerto.processes.lifecycle import PUBLIC_STATUSES, Status
from concerto.processes.models import FollowUpCommitment, Process

CLOSED_STATUSES = frozenset(
    {
        Status.CLOSED,
        Status.ANALYSED,
        Status.FOLLOW_UP_PUBLISHED,
        Status.EVALUATED,
        Status.ARCHIVED,
    }
)


def commitments_with_delivery() -> QuerySet[FollowUpCommitment]:
    """Public commitments with `delivered_at`: when the first answer keeping them was
    published (None while none is)."""
    return FollowUpCommitment.objects.filter(process__status__in=PUBLIC_STATUSES).annotate(
        delivered_at=Min("answers__published_at")
    )


def late_commitments(today=None) -> QuerySet[FollowUpCommitment]:
    """Commitments past their date without a published answer, oldest first; for the
    registry, the referent's and the CIPC's dashboards (filter by process__ministry)."""
    today = today or timezone.localdate()
    return (
        commitments_with_delivery()
        .filter(due_date__lt=today, delivered_at__isnull=True)
        .select_related("process", "process__ministry")
        .order_by("due_date", "pk")
    )


def is_late(commitment, today=None) -> bool:
    today = today or timezone.localdate()
    return commitment.due_date < today and commitment.delivered_at is None


def covered_contributions(process_ids) -> QuerySet[Contribution]:
    """Published contributions of these processes, with `covered`: a published answer
    covers them."""
    answered = Answer.objects.published().filter(contributions=OuterRef("pk"))
    return (
        Contribution.objects.published()
        .filter(module__process__in=process_ids)
        .annotate(covered=Exists(answered))
    )


@dataclass
class MinistryFigures:
    ministry: Organisation
    closed: int = 0
    due: int = 0
    on_time: int = 0
    late: int = 0
    not_delivered: int = 0
    contributions: int = 0
    covered: int = 0

    @property
    def follow_up_rate(self) -> float | None:
        """Share of contributions covered by a published answer, in percent."""
        if not self.contributions:
            return None
        return round(100 * self.covered / self.contributions, 1)


def ministry_figures(today=None) -> list[MinistryFigures]:
    """Per ministry with public processes: processes closed, commitments due (date passed),
    delivered on time, delivered late, not delivered; contributions covered."""
    today = today or timezone.localdate()
    figures: dict[int, MinistryFigures] = {}
    ministries = Organisation.objects.filter(
        pk__in=Process.objects.published().values("ministry")
    ).order_by("name")
    for ministry in ministries:
        figures[ministry.pk] = MinistryFigures(ministry)
    closed = (
        Process.objects.filter(status__in=CLOSED_STATUSES)
        .values("ministry")
        .annotate(n=Count("pk"))
    )
    for row in closed:
        figures[row["ministry"]].closed = row["n"]
    commitments = commitments_with_delivery().values(
        "process__ministry", "due_date", "delivered_at"
    )
    for row in commitments:
        entry = figures[row["process__ministry"]]
        delivered = row["delivered_at"]
        delivered_on = timezone.localdate(delivered) if delivered else None
        # Due: the date has passed or the answer came early; due = on time + late + not delivered.
        if delivered_on is None:
            if row["due_date"] < today:
                entry.due += 1
                entry.not_delivered += 1
        else:
            entry.due += 1
            if delivered_on <= row["due_date"]:
                entry.on_time += 1
            else:
                entry.late += 1
    contributions = (
        covered_contributions(Process.objects.published().values("pk"))
        .values("module__process__ministry")
        .annotate(n=Count("pk"), covered_n=Count("pk", filter=Q(covered=True)))
    )
    for row in contributions:
        entry = figures[row["module__process__ministry"]]
        entry.contributions = row["n"]
        entry.covered = row["covered_n"]
    return list(figures.values())

"""Read-side questions about the follow-up: delivery, lateness and State-wide figures."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from concerto.accounts.models import Organisation
from concerto.folding import french_order
from concerto.followup.counts import STATE, process_scope, remembered
from concerto.followup.models import Answer
from concerto.generations import fingerprint
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
    """Public commitments, annotated by `with_delivery`."""
    return with_delivery(FollowUpCommitment.objects.filter(process__status__in=PUBLIC_STATUSES))


def with_delivery(commitments: QuerySet[FollowUpCommitment]) -> QuerySet[FollowUpCommitment]:
    """These commitments with `delivered_at` (when the commitment was kept, None while
    it is not) and `answered` (published answers linked to it).

    A commitment without a quantity is kept by the first published answer linked to it;
    one with a quantity ("répondre aux vingt propositions") by the answer that brings the
    published answers linked to it up to that quantity."""
    published = Answer.objects.published().filter(commitment=OuterRef("commitment"))
    # For each published answer of the commitment: how many were published by then
    # (itself included; ties on the same moment count together).
    rank = (
        published.filter(published_at__lte=OuterRef("published_at"))
        .order_by()
        .values("commitment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    nth = (
        Answer.objects.published()
        .filter(commitment=OuterRef("pk"))
        .annotate(rank=Subquery(rank))
        .filter(rank__gte=Coalesce(OuterRef("quantity"), Value(1)))
        .order_by("published_at")
        .values("published_at")[:1]
    )
    answered = (
        Answer.objects.published()
        .filter(commitment=OuterRef("pk"))
        .order_by()
        .values("commitment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return commitments.annotate(
        delivered_at=Subquery(nth),
        answered=Coalesce(Subquery(answered), Value(0)),
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


def process_commitments(process, today=None) -> list[FollowUpCommitment]:
    """A process's commitments as every page shows them (the process page, its follow-up
    page and the follow-up workspace alike): with `delivered_at`, `answered`, `late`,
    `days_left` and `days_late`, for followup/includes/commitment_state.html."""
    today = today or timezone.localdate()
    commitments = list(with_delivery(process.commitments.order_by("due_date", "pk")))
    for commitment in commitments:
        commitment.late = is_late(commitment, today)
        commitment.days_left = (commitment.due_date - today).days
        commitment.days_late = -commitment.days_left
    return commitments


def with_published_answers(contributions: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """These contributions with `published_answers`: the published answers covering each,
    oldest first, in one extra query for all of them (no query per contribution)."""
    answers = (
        Answer.objects.published()
        .select_related("status", "process")
        .order_by("published_at", "pk")
    )
    return contributions.prefetch_related(
        Prefetch("followup_answers", queryset=answers, to_attr="published_answers")
    )


def covered_contributions(process_ids) -> QuerySet[Contribution]:
    """Published contributions of these processes, with `covered`: a published answer
    covers them."""
    answered = Answer.objects.published().filter(contributions=OuterRef("pk"))
    return (
        Contribution.objects.published()
        .filter(module__process__in=process_ids)
        .annotate(covered=Exists(answered))
    )


@dataclass(frozen=True)
class FollowUpCount:
    """Published contributions and those a published answer covers."""

    contributions: int = 0
    covered: int = 0

    @property
    def rate(self) -> float | None:
        """The taux de suite, in percent rounded to one decimal; None without contributions."""
        if not self.contributions:
            return None
        return round(100 * self.covered / self.contributions, 1)


def follow_up_counts(process_ids, by: str | None = None):
    """The one count of the taux de suite, for every page that shows it (issue 23): the
    process's follow-up page, its evaluation, /suivi/, the API and the open data.

    Without `by`, one FollowUpCount for all these processes together; with `by` (a
    contribution lookup such as "module__process__ministry"), a dict from its values to
    counts. Published contributions only, so withdrawn and hidden ones never count."""
    rows = covered_contributions(process_ids)
    if by is None:
        totals = rows.aggregate(n=Count("pk"), covered_n=Count("pk", filter=Q(covered=True)))
        return FollowUpCount(totals["n"], totals["covered_n"])
    grouped = (
        rows.values(by)
        .order_by()
        .annotate(n=Count("pk"), covered_n=Count("pk", filter=Q(covered=True)))
    )
    return {row[by]: FollowUpCount(row["n"], row["covered_n"]) for row in grouped}


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
        return FollowUpCount(self.contributions, self.covered).rate


def ministry_figures(today=None) -> list[MinistryFigures]:
    """Per ministry with public processes: processes closed, commitments due (date passed),
    delivered on time, delivered late, not delivered; contributions covered."""
    today = today or timezone.localdate()
    figures: dict[int, MinistryFigures] = {}
    ministries = Organisation.objects.filter(
        pk__in=Process.objects.published().values("ministry")
    ).order_by(*french_order("name"))
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
    counts = remembered(
        STATE,
        "ministries",
        lambda: follow_up_counts(
            Process.objects.published().values("pk"), by="module__process__ministry"
        ),
    )
    for ministry_id, count in counts.items():
        figures[ministry_id].contributions = count.contributions
        figures[ministry_id].covered = count.covered
    return list(figures.values())


def answers_with_coverage(answers: QuerySet[Answer]) -> QuerySet[Answer]:
    """These answers with `covered`: the published contributions each covers, counted as
    the taux de suite counts them (withdrawn and hidden ones never count)."""
    # A count per answer in a subquery, not a join grouped by every column: an answer to a
    # theme covers tens of thousands of contributions, and a grouped join repeats each
    # answer that many times before grouping, evaluating per joined row any subquery
    # annotated next to it (with_new_since: a workspace request past a minute at
    # 1,000,000 contributions, bench/bench_followup.py).
    links = (
        Answer.contributions.through.objects.filter(
            answer=OuterRef("pk"), contribution__status=Contribution.Status.PUBLISHED
        )
        .order_by()
        .values("answer")
        .annotate(n=Count("contribution"))
        .values("n")
    )
    return answers.annotate(covered=Coalesce(Subquery(links), Value(0)))


def covered_examples(answers, per_answer: int, process_id: int) -> dict[int, list[Contribution]]:
    """The first `per_answer` published contributions each of these answers of one process
    covers: which ones is found in one query whatever the coverage (a window over the
    link table, not every link loaded), kept until the follow-up changes (that window
    reads every link: 0.6 s for a 50,000-contribution theme)."""
    link = Answer.contributions.through
    ids = sorted(answer.pk for answer in answers)

    def pick() -> list[tuple[int, int]]:
        ranked = (
            link.objects.filter(answer__in=ids, contribution__status=Contribution.Status.PUBLISHED)
            .annotate(
                rank=Window(RowNumber(), partition_by=F("answer_id"), order_by="contribution_id")
            )
            # Django wraps the query to filter on the window (a subquery in SQL).
            .filter(rank__lte=per_answer)
            .values_list("answer_id", "contribution_id")
        )
        return sorted(ranked)

    key = f"examples:{per_answer}:{fingerprint(','.join(map(str, ids)))}"
    wanted = remembered(process_scope(process_id), key, pick)
    contributions = Contribution.objects.filter(pk__in={pk for _a, pk in wanted}).select_related(
        "module", "module__process", "author"
    )
    by_pk = {c.pk: c for c in contributions}
    examples: dict[int, list[Contribution]] = {}
    for answer_id, pk in wanted:
        if pk in by_pk:  # deleted since, with its module: not worth a signal of its own
            examples.setdefault(answer_id, []).append(by_pk[pk])
    return examples


def state_follow_up() -> FollowUpCount:
    """The State's taux de suite over every published process, as /suivi/ sums it."""
    return remembered(
        STATE, "total", lambda: follow_up_counts(Process.objects.published().values("pk"))
    )


def process_follow_up(process_id: int) -> FollowUpCount:
    """One process's taux de suite, kept until its follow-up changes (counts.py)."""
    return remembered(process_scope(process_id), "total", lambda: follow_up_counts([process_id]))


def answer_coverage(process_id: int) -> dict[int, int]:
    """Each answer of the process, drafts included, to the published contributions it
    covers (as answers_with_coverage counts them), kept until the follow-up changes."""

    def count() -> dict[int, int]:
        answers = answers_with_coverage(Answer.objects.filter(process_id=process_id))
        return dict(answers.values_list("pk", "covered"))

    return remembered(process_scope(process_id), "answers", count)


def with_coverage(answers: list[Answer], process_id: int) -> list[Answer]:
    """Set `covered` on these answers of one process from answer_coverage."""
    covered = answer_coverage(process_id)
    for answer in answers:
        answer.covered = covered.get(answer.pk, 0)
    return answers


def covered_by_channel(answer: Answer) -> list[tuple[str, int]]:
    """The published contributions the answer covers, counted by channel (code, count),
    largest first; kept until the follow-up changes."""

    def count() -> list[tuple[str, int]]:
        rows = (
            Contribution.objects.published()
            .filter(followup_answers=answer)
            .order_by()
            .values("channel")
            .annotate(n=Count("pk"))
            .order_by("-n", "channel")
        )
        return [(row["channel"], row["n"]) for row in rows]

    return remembered(process_scope(answer.process_id), f"answer:{answer.pk}:channels", count)


def latest_answers(limit: int) -> list[Answer]:
    """The most recent published answers of public processes, newest first."""
    return list(
        answers_with_coverage(
            Answer.objects.published().filter(process__status__in=PUBLIC_STATUSES)
        )
        .select_related("process", "status")
        .order_by("-published_at", "-pk")[:limit]
    )

"""What the public sees of a proposals module: listed proposals and their debate.

Published contributions only: hidden (moderated) and withdrawn ones never appear.
"""

from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
)

from concerto.accounts import policy
from concerto.pagination import PagedByIds
from concerto.participation.models import Contribution, ContributionKind, Module
from concerto.processes.models import Theme
from concerto.processes.scopes import choosable_themes
from concerto.proposals.models import Support, UsefulVote

SORT_SUPPORTS = "soutiens"
SORT_NEWEST = "recentes"
ORDERINGS = {
    SORT_SUPPORTS: ("-support_count", "-created_at", "-pk"),
    SORT_NEWEST: ("-created_at", "-pk"),
}


def module_themes(module: Module, choosable: list | None = None) -> QuerySet[Theme]:
    """The process's themes, or every theme when the process named none: one query,
    whether the themes are listed or one is looked up by id. Which the process names is
    read from the cache: every submission asks (a query with two subqueries to build
    cost a submission a twelfth of its time, py-spy under load)."""
    rows = choosable_themes(module.process_id) if choosable is None else choosable
    return Theme.objects.filter(pk__in=[pk for pk, _name, _slug in rows])


def _listed(module: Module, theme: Theme | None) -> QuerySet[Contribution]:
    proposals = Contribution.objects.published().filter(
        module=module, kind=ContributionKind.PROPOSAL, merged_into__isnull=True
    )
    return proposals if theme is None else proposals.filter(theme=theme)


class ListedProposals(PagedByIds):
    """The published, unmerged proposals of a module (of `theme`, when given) in the
    order `sort`, for a Paginator: counted without their supports, ordered on their ids
    and support counts alone, and only the page's rows read, with their authors and
    themes. Reading every row with its support count to keep 20 grouped the supports by
    every column of the module's proposals, their texts included (10 ms of the 25 a
    signed-in list of 400 proposals took, bench/profile_pages.py)."""

    def __init__(self, module: Module, *, theme: Theme | None = None, sort: str = SORT_SUPPORTS):
        self.listed = _listed(module, theme)
        self.ordering = ORDERINGS.get(sort, ORDERINGS[SORT_SUPPORTS])

    def page(self, index: slice) -> list:
        counted = self.listed.values("pk").annotate(support_count=Count("supports"))
        in_order = counted.order_by(*self.ordering).values_list("pk", "support_count")
        counts = dict(in_order[index])
        # Read through the same filters: one hidden or merged since is left out.
        rows = self.listed.filter(pk__in=counts).select_related("author", "theme")
        by_pk = {row.pk: row for row in rows}
        page = [by_pk[pk] for pk in counts if pk in by_pk]
        for proposal in page:
            proposal.support_count = counts[proposal.pk]
        return page


def supported_among(user, pks: list[int]) -> set[int]:
    """Which of the proposals `pks` `user` supports: none for a visitor."""
    if not pks or not policy.signed_in(user):
        return set()
    # Between the smallest and the largest, then kept if among them: Django prepares each
    # value of an IN list one by one, which cost a signed-in list a tenth of its time.
    mine = Support.objects.filter(user=user, proposal_id__gte=min(pks), proposal_id__lte=max(pks))
    return set(mine.values_list("proposal_id", flat=True)) & set(pks)


@dataclass
class Debate:
    """Everything shown under a proposal."""

    support_count: int
    supported: bool
    comments: list[Contribution]
    arguments_for: list[Contribution] = field(default_factory=list)
    arguments_against: list[Contribution] = field(default_factory=list)
    merged: list[Contribution] = field(default_factory=list)

    @property
    def comment_count(self) -> int:
        return sum(1 + len(comment.replies) for comment in self.comments)


def debate(proposal: Contribution, *, user=None) -> Debate:
    """Supports, threaded comments (oldest first), arguments for and against (most useful
    first, each with `useful_count` and `voted`), and the proposals merged into it."""
    signed_in = policy.signed_in(user)
    published = Contribution.objects.published().select_related("author")
    replies = published.filter(kind=ContributionKind.COMMENT).order_by("created_at", "pk")
    comments = list(
        replies.filter(parent=proposal).prefetch_related(
            Prefetch("children", queryset=replies, to_attr="replies")
        )
    )
    arguments = published.filter(parent=proposal, kind=ContributionKind.ARGUMENT).annotate(
        useful_count=Count("useful_votes")
    )
    if signed_in:
        mine = UsefulVote.objects.filter(argument=OuterRef("pk"), user=user)
        arguments = arguments.annotate(voted=Exists(mine))
    else:
        arguments = arguments.annotate(voted=Value(False, output_field=BooleanField()))
    arguments = list(arguments.order_by("-useful_count", "created_at", "pk"))
    return Debate(
        support_count=proposal.supports.count(),
        supported=signed_in and proposal.supports.filter(user=user).exists(),
        comments=comments,
        arguments_for=[a for a in arguments if a.stance == Contribution.Stance.FOR],
        arguments_against=[a for a in arguments if a.stance == Contribution.Stance.AGAINST],
        merged=list(
            Contribution.objects.published()
            .filter(merged_into=proposal)
            .select_related("author")
            .order_by("created_at", "pk")
        ),
    )

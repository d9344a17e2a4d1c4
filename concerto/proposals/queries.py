"""What the public sees of a proposals module: listed proposals and their debate.

Published contributions only: hidden (moderated) and withdrawn ones never appear.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Exists, OuterRef, Prefetch, QuerySet, Value

from concerto.accounts import policy
from concerto.participation.models import Contribution, ContributionKind, Module
from concerto.processes.models import Theme
from concerto.proposals.models import Support, UsefulVote

SORT_SUPPORTS = "soutiens"
SORT_NEWEST = "recentes"
ORDERINGS = {
    SORT_SUPPORTS: ("-support_count", "-created_at", "-pk"),
    SORT_NEWEST: ("-created_at", "-pk"),
}


def module_themes(module: Module) -> QuerySet[Theme]:
    """The process's themes, or every theme when the process named none."""
    themes = Theme.objects.filter(process=module.process_id)
    return themes if themes.exists() else Theme.objects.all()


def listed_proposals(
    module: Module, *, user=None, theme: Theme | None = None, sort: str = SORT_SUPPORTS
) -> QuerySet[Contribution]:
    """Published, unmerged proposals with `support_count` (and `supported`, whether `user`
    supports each), in one query whatever their number."""
    proposals = (
        Contribution.objects.published()
        .filter(module=module, kind=ContributionKind.PROPOSAL, merged_into__isnull=True)
        .select_related("author", "theme")
        .annotate(support_count=Count("supports"))
    )
    if theme is not None:
        proposals = proposals.filter(theme=theme)
    if policy.signed_in(user):
        mine = Support.objects.filter(proposal=OuterRef("pk"), user=user)
        proposals = proposals.annotate(supported=Exists(mine))
    else:
        proposals = proposals.annotate(supported=Value(False, output_field=BooleanField()))
    return proposals.order_by(*ORDERINGS.get(sort, ORDERINGS[SORT_SUPPORTS]))


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

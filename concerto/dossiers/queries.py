"""Which suggested sources are public: those the organisers accepted, nothing else."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from concerto.dossiers.models import SourceReview
from concerto.participation.models import ContributionKind


def latest_decision():
    """The latest decision on the contribution of the outer query ("" when none)."""
    return Subquery(
        SourceReview.objects.filter(contribution=OuterRef("pk"))
        .order_by("-decided_at", "-pk")
        .values("decision")[:1]
    )


def without_pending_suggestions(contributions: QuerySet) -> QuerySet:
    """`contributions` less the source suggestions the organisers have not accepted."""
    return contributions.alias(source_decision=latest_decision()).filter(
        ~Q(kind=ContributionKind.SOURCE_SUGGESTION)
        | Q(source_decision=SourceReview.Decision.ACCEPTED)
    )

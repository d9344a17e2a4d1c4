"""What is public, read once for the open-data files and the public API alike.

Only published processes; only published contributions (hidden and withdrawn ones
are left out, and so are the source suggestions the organisers have not accepted); only
published answers and panels.
"""

from django.db.models import Count, Prefetch, Q

from concerto.dossiers.queries import without_pending_suggestions
from concerto.followup.models import Answer
from concerto.panels.models import Panel
from concerto.participation.models import Contribution, ContributionKind, Module
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion, Process


def public_processes():
    return (
        Process.objects.published()
        .select_related("ministry", "directorate")
        .prefetch_related("themes")
    )


def public_opinions():
    """Opinions of published processes, except those the ministry chose to publish only
    once participation opens (the same rule as the process page)."""
    return (
        Opinion.objects.filter(referral__process__in=Process.objects.published())
        .exclude(
            referral__process__publish_opinion_at_launch=True,
            referral__process__status=Status.PUBLISHED,
        )
        .select_related("referral", "referral__process")
        .annotate(recommendation_count=Count("recommendations"))
    )


def public_modules():
    return Module.objects.filter(
        process__in=Process.objects.published(), published=True
    ).select_related("process")


def public_contributions():
    return without_pending_suggestions(
        Contribution.objects.published()
        .filter(module__process__in=Process.objects.published(), module__published=True)
        .select_related("module", "theme")
    )


def public_proposals():
    # Supports of a published proposal, counted once per person by construction.
    return (
        public_contributions()
        .filter(kind=ContributionKind.PROPOSAL)
        .annotate(support_count=Count("supports", distinct=True))
    )


def public_answers():
    return (
        Answer.objects.published()
        .filter(process__in=Process.objects.published())
        .select_related("status", "theme", "process")
        .prefetch_related(
            "milestones",
            Prefetch(
                "contributions",
                queryset=without_pending_suggestions(Contribution.objects.published()).only("pk"),
                to_attr="public_contributions",
            ),
        )
    )


def published_panels():
    return (
        Panel.objects.filter(
            Q(status=Panel.Status.PUBLISHED), process__in=Process.objects.published()
        )
        .select_related("process")
        .prefetch_related("quotas")
    )


def published_representativeness():
    """Published processes whose organisers published the representativeness page."""
    return (
        Process.objects.published()
        .filter(profile_settings__published_at__isnull=False)
        .select_related("profile_settings")
        .order_by("pk")
    )

"""When the open-data files are written again, on the platform's own schedule.

The scheduler (concerto.scheduler) calls `refresh` every few minutes. The files are
republished at once when something they show may have to go: a contribution hidden by
moderation, withdrawn by its author, erased with its author's account (privacy) or by
a retention rule, deleted, or a suggested source decided on by the organisers. Otherwise
they are republished once a day, which brings in what is new.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from concerto.dossiers.models import SourceReview
from concerto.opendata import queries
from concerto.opendata.models import Publication
from concerto.opendata.publish import publish
from concerto.participation.models import Contribution

MAX_AGE = timedelta(days=1)


def stale_reason(publication: Publication | None, now: datetime) -> str:
    """Why the current files must be written again now ("" when they need not)."""
    if publication is None:
        return "aucune publication"
    if now - publication.generated_at >= MAX_AGE:
        return "publication du jour"
    generated = publication.generated_at
    # Hiding, withdrawing, restoring, correcting and erasing all touch updated_at.
    if Contribution.objects.filter(created_at__lte=generated, updated_at__gt=generated).exists():
        return "contribution modifiée"
    if SourceReview.objects.filter(decided_at__gt=generated).exists():
        return "source suggérée examinée"
    # A deleted contribution leaves no trace but a count that no longer matches: among
    # the ids the files went up to, as many must still be public as were published.
    published = publication.summary.get("contributions", {})
    if "max_id" not in published:
        return "publication d'un format antérieur"
    still_public = queries.public_contributions().filter(pk__lte=published["max_id"] or 0)
    if still_public.count() != published["rows"]:
        return "contribution supprimée"
    return ""


def refresh(now: datetime | None = None) -> Publication | None:
    """Republish if the current files are stale; returns the new publication, if any."""
    now = now or timezone.now()
    if stale_reason(Publication.objects.first(), now):
        return publish()
    return None

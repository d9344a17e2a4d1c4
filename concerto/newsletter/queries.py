"""What the archive shows: editions whose campaign has finished sending."""

from concerto.mailing.models import Campaign
from concerto.newsletter.models import NewsletterEditionPage

KIND = "newsletter"


def campaign_key(edition_pk: int) -> str:
    return f"newsletter:edition:{edition_pk}"


def _sent_ids():
    return Campaign.objects.filter(kind=KIND, finished_at__isnull=False).values("source_id")


def sent_editions(index):
    return (
        NewsletterEditionPage.objects.child_of(index)
        .live()
        .filter(pk__in=_sent_ids())
        .order_by("-send_at", "-pk")
    )


def is_sent(edition) -> bool:
    return _sent_ids().filter(source_id=edition.pk).exists()

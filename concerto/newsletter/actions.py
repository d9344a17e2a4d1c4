"""What happens to a subscription and an edition: each action validates, locks the rows
it changes and leaves its dates on the subscriber (the record of consent)."""

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.mailing.models import Campaign, normalised
from concerto.mailing.outbox import open_campaign, start
from concerto.newsletter.audiences import Audience
from concerto.newsletter.emails import send_test_edition
from concerto.newsletter.models import NewsletterEditionPage, Subscriber
from concerto.newsletter.queries import KIND, campaign_key

logger = logging.getLogger(__name__)

# The consent the form asks for, stored word for word with each request.
CONSENT_WORDING = _(
    "J'accepte que le CIPC conserve mon adresse électronique, le public choisi et la date "
    "de mon consentement pour m'envoyer sa lettre d'information. Je peux me désabonner à "
    "tout moment par le lien présent dans chaque lettre."
)


def _check_audience(audience: str) -> None:
    if audience not in Audience.values:
        raise ValueError(f"unknown audience {audience!r}")


@transaction.atomic
def request_subscription(*, email: str, audience: str, user=None) -> tuple[Subscriber, str]:
    """Record a request for the newsletter; returns the subscriber and the audience that
    the confirmation link sent to the address will confirm.

    A new, pending or unsubscribed address starts (again) the double opt-in with this
    audience and consent. A confirmed one is left as it is: only its owner, through the
    link, may change its audience, so a stranger typing it changes nothing.
    """
    _check_audience(audience)
    email = normalised(email)
    now = timezone.now()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={
            "audience": audience,
            "consent_wording": str(CONSENT_WORDING),
            "consented_at": now,
            "user": user,
        },
    )
    if not created and not subscriber.is_receiving:
        subscriber.audience = audience
        subscriber.consent_wording = str(CONSENT_WORDING)
        subscriber.consented_at = now
        subscriber.confirmed_at = None
        subscriber.unsubscribed_at = None
        subscriber.user = user or subscriber.user
        subscriber.save()
    return subscriber, audience


@transaction.atomic
def confirm_subscription(subscriber: Subscriber, audience: str) -> Subscriber:
    """The address's owner opened the link: editions for `audience` reach it from now on.
    Confirming twice changes nothing more."""
    _check_audience(audience)
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.unsubscribed_at is not None:
        raise ValueError("an unsubscribed address subscribes again through a new request")
    subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
    subscriber.audience = audience
    subscriber.save(update_fields=["confirmed_at", "audience"])
    return subscriber


@transaction.atomic
def subscribe_account(user, *, audience: str) -> Subscriber:
    """A signed-in person subscribes their account's address, which the platform already
    confirmed when the account was created: no second e-mail is needed."""
    _check_audience(audience)
    if not user.email_verified:
        raise ValueError("the account's address is not confirmed")
    now = timezone.now()
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=normalised(user.email),
        defaults={"audience": audience, "consent_wording": "", "consented_at": now},
    )
    subscriber.audience = audience
    subscriber.consent_wording = str(CONSENT_WORDING)
    subscriber.consented_at = now
    subscriber.confirmed_at = now
    subscriber.unsubscribed_at = None
    subscriber.user = user
    subscriber.save()
    return subscriber


def unsubscribe(address: str, scope: str = KIND) -> int:
    """Stop every edition to `address` (the mailing core's one-click unsubscribe calls this
    for the "newsletter" scope); returns how many subscriptions ended (0 or 1)."""
    return Subscriber.objects.filter(
        email=normalised(address), unsubscribed_at__isnull=True
    ).update(unsubscribed_at=timezone.now())


def purge_unconfirmed(today: date) -> int:
    """Requests never confirmed within the retention period are deleted (retention rule
    "newsletter_unconfirmed")."""
    days = settings.PRIVACY_RETENTION_DAYS["newsletter_unconfirmed"]
    cutoff = timezone.make_aware(datetime.combine(today - timedelta(days=days), time.min))
    return Subscriber.objects.filter(confirmed_at__isnull=True, consented_at__lt=cutoff).delete()[0]


def due_editions(now: datetime):
    """Published editions whose send date has come and that no campaign sends yet."""
    opened = Campaign.objects.filter(kind=KIND).values("source_id")
    return (
        NewsletterEditionPage.objects.live()
        .filter(send_at__lte=now)
        .exclude(pk__in=opened)
        .order_by("send_at", "pk")
    )


def send_due_editions(now: datetime | None = None) -> list[str]:
    """Open and start the campaign of every due edition; returns the campaign keys.

    The key names the edition, and the mailing core opens a key once: two runs at once,
    or a run after a crash, start the same campaign, which never sends twice."""
    now = now or timezone.now()
    keys = []
    for edition in due_editions(now):
        key = campaign_key(edition.pk)
        with transaction.atomic():
            campaign = open_campaign(key, kind=KIND, subject=edition.title, source_id=edition.pk)
            start(campaign)
        logger.info("Newsletter edition %s: campaign %s started", edition.pk, key)
        keys.append(key)
    return keys


def send_test(edition: NewsletterEditionPage, *, editor) -> str:
    """Send the edition's latest version, marked « [Essai] », to the editor alone;
    returns the address it went to."""
    address = normalised(editor.email)
    send_test_edition(edition.get_latest_revision_as_object(), address=address)
    logger.info("Newsletter edition %s: test sent to editor %s", edition.pk, editor.pk)
    return address

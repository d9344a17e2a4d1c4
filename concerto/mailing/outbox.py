"""Open a campaign, start it, or send one transactional message."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from concerto.mailing.kinds import Rendered
from concerto.mailing.models import Campaign
from concerto.mailing.tasks import send_campaign, send_single


def open_campaign(
    key: str,
    *,
    kind: str,
    subject: str = "",
    source_id: int | None = None,
    send_after: datetime | None = None,
) -> Campaign:
    """The campaign named `key`, created on the first call: a second call (a double
    click, a second scheduler tick) returns the same one and sends nothing twice."""
    defaults = {
        "kind": kind,
        "subject": subject,
        "source_id": source_id,
        "send_after": send_after,
        "lanes": max(1, settings.MAILING_LANES),
    }
    try:
        with transaction.atomic():
            return Campaign.objects.get_or_create(key=key, defaults=defaults)[0]
    except IntegrityError:  # created meanwhile by a concurrent call
        return Campaign.objects.get(key=key)


def start(campaign: Campaign) -> None:
    """Send the campaign in the background once the current transaction commits. Safe
    to call twice: a second sender finds the campaign leased and leaves it."""
    pk = campaign.pk
    transaction.on_commit(lambda: send_campaign.enqueue(pk))


def send_one(*, address: str, rendered: Rendered, message_id_seed: str) -> None:
    """One message to one address (a confirmation, a test send), through the task
    queue once the transaction commits, with the unsubscribe headers when it has a scope."""
    fields = {
        "subject": rendered.subject,
        "text": rendered.text,
        "html": rendered.html,
        "unsubscribe_scope": rendered.unsubscribe_scope,
    }
    transaction.on_commit(lambda: send_single.enqueue(address, fields, message_id_seed))

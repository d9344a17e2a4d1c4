"""The send loop: fan out once, then send every pending delivery exactly once.

Exactly once, as far as SMTP allows: each delivery is marked sent in its own statement
right after the server accepted it, so a killed worker leaves pending only what it had
not sent. The one message in flight at the instant of a kill (accepted by the server,
not yet marked) is sent again with the same Message-ID; `bench/bench_mailing.py` counts
how often that happens.
"""

import logging
import smtplib
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as database
from django.db.models import Q
from django.utils import timezone

from concerto.mailing import kinds
from concerto.mailing.messages import build_message
from concerto.mailing.models import Campaign, Delivery, Suppression, normalised

logger = logging.getLogger(__name__)
FAN_OUT_CHUNK = 2000


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0
    busy: bool = False  # another live sender holds the campaign


def lease_seconds() -> float:
    return settings.MAILING_LEASE_SECONDS


def take_lease(campaign: Campaign, sender: str) -> bool:
    now = timezone.now()
    taken = Campaign.objects.filter(
        Q(leased_until__isnull=True) | Q(leased_until__lt=now) | Q(sender=sender),
        pk=campaign.pk,
        finished_at__isnull=True,
    ).update(sender=sender, leased_until=now + timedelta(seconds=lease_seconds()))
    return taken == 1


def wait_for_lease(campaign: Campaign, sender: str) -> bool:
    """Take the lease, waiting for a dead sender's lease to run out; False when a live
    sender keeps renewing it (or the campaign is finished)."""
    deadline = time.monotonic() + lease_seconds() + 1
    while True:
        if take_lease(campaign, sender):
            return True
        campaign.refresh_from_db(fields=["leased_until", "finished_at"])
        if campaign.finished_at is not None or time.monotonic() > deadline:
            return False
        time.sleep(min(1.0, lease_seconds() / 4))


def fan_out(campaign: Campaign) -> int:
    """Write one pending Delivery per recipient; run again after a crash, it adds only
    the missing rows (the unique constraint ignores the others)."""
    kind = kinds.get(campaign.kind)
    recipients = iter(kind.recipients(campaign))
    written = 0
    while chunk := list(islice(recipients, FAN_OUT_CHUNK)):
        rows = {}
        for recipient in chunk:
            address = normalised(recipient.address)
            rows.setdefault(
                address,
                Delivery(
                    campaign=campaign,
                    address=address,
                    user_id=recipient.user_id,
                    payload=recipient.payload,
                ),
            )
        Delivery.objects.bulk_create(rows.values(), ignore_conflicts=True)
        written += len(rows)
    Campaign.objects.filter(pk=campaign.pk).update(fanned_out_at=timezone.now())
    return written


def _skip(delivery: Delivery, reason: str) -> None:
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SKIPPED, skip_reason=reason
    )


class _Pace:
    """At most `per_second` messages a second (0: as fast as the server takes them)."""

    def __init__(self, per_second: float):
        self.interval = 1 / per_second if per_second else 0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if self.interval:
            delay = self.next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self.next_at = max(self.next_at, time.monotonic()) + self.interval


@contextmanager
def asynchronous_commits():
    """On PostgreSQL, the "sent" marks of this connection commit without waiting for the
    disk: a killed worker loses none of them (the server has them), only a crash of the
    database server itself could lose the last fraction of a second's marks, whose
    messages would then be sent again. Without it, the wait for the disk on each mark
    slowed every message."""
    if database.vendor != "postgresql":
        yield
        return
    with database.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with database.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def send_campaign(campaign_id: int) -> Outcome:
    campaign = Campaign.objects.get(pk=campaign_id)
    outcome = Outcome()
    if campaign.finished_at is not None:
        return outcome
    if campaign.send_after and campaign.send_after > timezone.now():
        return outcome  # the periodic resume starts it when its time comes
    sender = uuid.uuid4().hex
    if not wait_for_lease(campaign, sender):
        outcome.busy = True
        return outcome
    if campaign.fanned_out_at is None:
        fan_out(campaign)
    kind = kinds.get(campaign.kind)
    pace = _Pace(settings.MAILING_MAX_PER_SECOND)
    connection = get_connection()
    with asynchronous_commits():
        return _send_pending(campaign, kind, sender, connection, pace, outcome)


def _send_pending(campaign, kind, sender, connection, pace, outcome) -> Outcome:
    try:
        connection.open()
        while True:
            batch = list(
                Delivery.objects.filter(campaign=campaign, status=Delivery.Status.PENDING).order_by(
                    "pk"
                )[: settings.MAILING_BATCH_SIZE]
            )
            if not batch:
                break
            addresses = [delivery.address for delivery in batch]
            suppressed = set(
                Suppression.objects.filter(address__in=addresses).values_list("address", flat=True)
            )
            unwanted = kind.unwanted(campaign, addresses) if hasattr(kind, "unwanted") else set()
            for delivery in batch:
                if delivery.address in suppressed or delivery.address in unwanted:
                    reason = "suppressed" if delivery.address in suppressed else "unsubscribed"
                    _skip(delivery, reason)
                    outcome.skipped += 1
                    continue
                try:
                    rendered = kind.render(campaign, delivery)
                except Exception:  # one broken delivery must not stop the others
                    logger.exception("Rendering delivery %s failed", delivery.pk)
                    _skip(delivery, "error")
                    outcome.skipped += 1
                    continue
                if rendered is None:
                    _skip(delivery, "empty")
                    outcome.skipped += 1
                    continue
                pace.wait()
                seed = f"{campaign.key}:{delivery.address}"
                message = build_message(
                    address=delivery.address,
                    rendered=rendered,
                    message_id_seed=seed,
                    connection=connection,
                )
                try:
                    message.send()
                except smtplib.SMTPRecipientsRefused:
                    _skip(delivery, "refused")
                    outcome.skipped += 1
                    continue
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.SENT,
                    sent_at=timezone.now(),
                    message_id=message.extra_headers["Message-ID"],
                )
                outcome.sent += 1
            if not take_lease(campaign, sender):
                outcome.busy = True  # our lease ran out and another sender took over
                return outcome
        Campaign.objects.filter(pk=campaign.pk, sender=sender).update(
            finished_at=timezone.now(), leased_until=None
        )
    finally:
        connection.close()
    return outcome


def resume_unfinished() -> list[int]:
    """Campaigns that should be sending and whose sender is gone (a failed task, a
    worker killed before the task lease put it back): their ids, to start again."""
    now = timezone.now()
    return list(
        Campaign.objects.filter(finished_at__isnull=True)
        .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
        .values_list("pk", flat=True)
    )

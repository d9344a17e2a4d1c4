"""The send loop: fan out once, then send every pending delivery exactly once.

Exactly once, as far as SMTP allows: each delivery is marked sent in its own statement
right after the server accepted it, so a killed worker leaves pending only what it had
not sent. The one message in flight at the instant of a kill (accepted by the server,
not yet marked) is sent again with the same Message-ID; `bench/bench_mailing.py` counts
how often that happens.

Several workers share one campaign by lanes: delivery pk modulo the campaign's lane
count, one lease per lane. A sender takes any lane no live sender holds, sends it, then
takes the next; so one worker alone sends every lane in turn, and N workers send N lanes
at once, each over its own SMTP connection.

A worker asked to stop (SIGTERM at a restart, concerto/jobs/stopping.py) sends no further
message once the one in flight is marked, and hands its lane back: a restart never
resends anything; only a kill (SIGKILL, a lost machine) can, for that one message.
"""

import logging
import smtplib
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as database
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Mod
from django.utils import timezone

from concerto.jobs.stopping import stop_requested
from concerto.mailing import kinds
from concerto.mailing.messages import build_message
from concerto.mailing.models import Campaign, Delivery, Lane, Suppression, normalised

logger = logging.getLogger(__name__)
FAN_OUT_CHUNK = 2000


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0
    busy: bool = False  # other live senders hold what is left of the campaign
    stopped: bool = False  # the worker was asked to stop: what is left waits for another


def lease_seconds() -> float:
    return settings.MAILING_LEASE_SECONDS


def _lease_free(now) -> Q:
    return Q(leased_until__isnull=True) | Q(leased_until__lt=now)


def take_lease(campaign: Campaign, sender: str) -> bool:
    """The fan-out lease of the campaign."""
    now = timezone.now()
    taken = Campaign.objects.filter(
        _lease_free(now) | Q(sender=sender), pk=campaign.pk, finished_at__isnull=True
    ).update(sender=sender, leased_until=now + timedelta(seconds=lease_seconds()))
    return taken == 1


def wait_for_lease(campaign: Campaign, sender: str) -> bool:
    """Take the fan-out lease, waiting for a dead sender's lease to run out; False when a
    live sender keeps renewing it (or the campaign is finished)."""
    deadline = time.monotonic() + lease_seconds() + 1
    while True:
        if take_lease(campaign, sender):
            return True
        campaign.refresh_from_db(fields=["leased_until", "finished_at"])
        if campaign.finished_at is not None or time.monotonic() > deadline:
            return False
        time.sleep(min(1.0, lease_seconds() / 4))


def fan_out(campaign: Campaign) -> int:
    """Write one pending Delivery per recipient, then the campaign's lanes; run again
    after a crash, it adds only the missing rows (the unique constraints ignore the
    others). A fanned-out campaign always has its lanes."""
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
    Lane.objects.bulk_create(
        [Lane(campaign=campaign, number=number) for number in range(campaign.lanes)],
        ignore_conflicts=True,
    )
    Campaign.objects.filter(pk=campaign.pk).update(fanned_out_at=timezone.now())
    return written


def take_free_lane(campaign: Campaign, sender: str) -> Lane | None:
    """An unfinished lane no live sender holds, now leased to `sender`; None when none."""
    now = timezone.now()
    free = Lane.objects.filter(_lease_free(now), campaign=campaign, finished_at__isnull=True)
    for lane in free.order_by("number"):
        leased_until = now + timedelta(seconds=lease_seconds())
        if free.filter(pk=lane.pk).update(sender=sender, leased_until=leased_until) == 1:
            return lane
    return None


def renew_lane(lane: Lane, sender: str) -> bool:
    leased_until = timezone.now() + timedelta(seconds=lease_seconds())
    held = Lane.objects.filter(pk=lane.pk, sender=sender, finished_at__isnull=True)
    return held.update(leased_until=leased_until) == 1


def finish_if_done(campaign: Campaign) -> bool:
    """Mark the campaign finished once every lane is. Whichever lane finishes last sees
    the others finished (each lane's mark is committed before this check)."""
    if Lane.objects.filter(campaign=campaign, finished_at__isnull=True).exists():
        return False
    Campaign.objects.filter(pk=campaign.pk, finished_at__isnull=True).update(
        finished_at=timezone.now(), leased_until=None
    )
    return True


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


@dataclass
class SendingContext:
    kind: object
    sender: str
    connection: object
    pace: _Pace
    stop: threading.Event  # the worker was asked to stop: leave the lane to another


def send_campaign(campaign_id: int, call_helpers=None) -> Outcome:
    """Fan the campaign out if nobody has, then send lane after lane until no lane is
    left free. `call_helpers(count)`, when given, is called once after the fan-out to
    start that many more senders (the task enqueues itself), one per other lane."""
    campaign = Campaign.objects.get(pk=campaign_id)
    outcome = Outcome()
    if campaign.finished_at is not None:
        return outcome
    if campaign.send_after and campaign.send_after > timezone.now():
        return outcome  # the periodic resume starts it when its time comes
    sender = uuid.uuid4().hex
    if campaign.fanned_out_at is None:
        if not wait_for_lease(campaign, sender):
            outcome.busy = True
            return outcome
        campaign.refresh_from_db(fields=["fanned_out_at"])
        if campaign.fanned_out_at is None:  # nobody did it while we waited
            fan_out(campaign)
            if call_helpers and campaign.lanes > 1:
                call_helpers(campaign.lanes - 1)
        Campaign.objects.filter(pk=campaign.pk, sender=sender).update(leased_until=None)
    kind = kinds.get(campaign.kind)
    pace = _Pace(settings.MAILING_MAX_PER_SECOND)
    connection = get_connection()
    try:
        with asynchronous_commits(), stop_requested() as stop:
            context = SendingContext(kind, sender, connection, pace, stop)
            while not stop.is_set() and (lane := take_free_lane(campaign, sender)):
                _send_lane(campaign, lane, context, outcome)
            outcome.stopped = stop.is_set()
    finally:
        connection.close()
    outcome.busy = not finish_if_done(campaign)
    return outcome


def _pending_batch(campaign: Campaign, lane: Lane) -> list[Delivery]:
    pending = Delivery.objects.filter(campaign=campaign, status=Delivery.Status.PENDING)
    if campaign.lanes > 1:
        pending = pending.alias(lane=Mod("pk", campaign.lanes)).filter(lane=lane.number)
    return list(pending.order_by("pk")[: settings.MAILING_BATCH_SIZE])


def _send_lane(campaign: Campaign, lane: Lane, context: SendingContext, outcome: Outcome) -> None:
    kind, connection = context.kind, context.connection
    connection.open()
    while batch := _pending_batch(campaign, lane):
        addresses = [delivery.address for delivery in batch]
        suppressed = set(
            Suppression.objects.filter(address__in=addresses).values_list("address", flat=True)
        )
        unwanted = kind.unwanted(campaign, addresses) if hasattr(kind, "unwanted") else set()
        for delivery in batch:
            if context.stop.is_set():
                # Leased until now: the next sender, or the periodic resume, takes it at once.
                held = Lane.objects.filter(pk=lane.pk, sender=context.sender)
                held.update(leased_until=timezone.now())
                return
            if delivery.address in suppressed or delivery.address in unwanted:
                reason = "suppressed" if delivery.address in suppressed else "unsubscribed"
                _skip(delivery, reason)
                outcome.skipped += 1
                continue
            _send_delivery(campaign, delivery, context, outcome)
        if not renew_lane(lane, context.sender):
            return  # our lease ran out and another sender took the lane over
    Lane.objects.filter(pk=lane.pk, sender=context.sender).update(
        finished_at=timezone.now(), leased_until=None
    )


def _send_delivery(
    campaign: Campaign, delivery: Delivery, context: SendingContext, outcome: Outcome
) -> None:
    try:
        rendered = context.kind.render(campaign, delivery)
    except Exception:  # one broken delivery must not stop the others
        logger.exception("Rendering delivery %s failed", delivery.pk)
        _skip(delivery, "error")
        outcome.skipped += 1
        return
    if rendered is None:
        _skip(delivery, "empty")
        outcome.skipped += 1
        return
    context.pace.wait()
    message = build_message(
        address=delivery.address,
        rendered=rendered,
        message_id_seed=f"{campaign.key}:{delivery.address}",
        connection=context.connection,
    )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        _skip(delivery, "refused")
        outcome.skipped += 1
        return
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
        message_id=message.extra_headers["Message-ID"],
    )
    outcome.sent += 1


def resume_unfinished() -> list[int]:
    """Campaigns that should be sending and whose senders are gone: their ids, to start
    again. That is a due campaign never fanned out whose fan-out lease is free (never
    started, or its fan-out died), one with a lane whose lease ran out (its sender died),
    or one whose lanes all finished but not the campaign (its last sender died between).
    A lane never leased is not an orphan: a sender started with the campaign takes it
    when it is done with its own (one worker sends the lanes one after another)."""
    now = timezone.now()
    unfinished_lanes = Lane.objects.filter(campaign=OuterRef("pk"), finished_at__isnull=True)
    orphan_lanes = unfinished_lanes.filter(leased_until__lt=now)
    return list(
        Campaign.objects.filter(finished_at__isnull=True)
        .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
        .filter(
            Q(fanned_out_at__isnull=True) & _lease_free(now)
            | Q(fanned_out_at__isnull=False) & (Exists(orphan_lanes) | ~Exists(unfinished_lanes))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )

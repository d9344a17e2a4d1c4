"""Periodic jobs of the follows domain (concerto/scheduler/schedule.py)."""

from django.utils import timezone
from django_tasks import task

from concerto.follows import digest, events
from concerto.follows.models import Frequency


@task()
def send_daily_digest() -> int | None:
    """Record today's dated events (modules opening, lateness), then open and start
    today's daily digest; the key carries the date, so a second run changes nothing."""
    today = timezone.localdate()
    events.record_dated(today)
    campaign = digest.open_and_start(Frequency.DAILY, today)
    return campaign and campaign.pk


@task()
def send_weekly_digest() -> int | None:
    campaign = digest.open_and_start(Frequency.WEEKLY)
    return campaign and campaign.pk

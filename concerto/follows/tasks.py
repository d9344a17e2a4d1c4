"""Periodic jobs of the follows domain (concerto/scheduler/schedule.py)."""

from django.utils import timezone
from django_tasks import task

from concerto.follows import digest, events
from concerto.follows.models import Frequency


@task()
def send_daily_digest() -> int:
    """Record today's dated events (modules opening, lateness), then open and start
    today's daily digest; the key carries the date, so a second run changes nothing."""
    today = timezone.localdate()
    events.record_dated(today)
    return digest.open_and_start(Frequency.DAILY, today).pk


@task()
def send_weekly_digest() -> int:
    return digest.open_and_start(Frequency.WEEKLY).pk

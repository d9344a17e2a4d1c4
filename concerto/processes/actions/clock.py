"""The CIPC's review clock: it stands still while a question awaits the ministry's answer."""

from django.utils import timezone

from concerto.engines.workdays import add_working_days, working_days_between
from concerto.processes.models import Referral


def pause_clock(referral: Referral) -> None:
    """Stop the clock from today, unless an earlier open question already stopped it."""
    if referral.clock_paused_since is None:
        referral.clock_paused_since = timezone.localdate()
        referral.save(update_fields=["clock_paused_since"])


def resume_clock_when_answered(referral: Referral) -> None:
    """Once no question awaits an answer any more, restart the clock and move the due
    date by the working days it stood still."""
    if referral.clock_paused_since is None:
        return
    if referral.questions.filter(awaits_answer=True).exists():
        return
    stood_still = working_days_between(referral.clock_paused_since, timezone.localdate())
    referral.due_date = add_working_days(referral.due_date, max(stood_still, 0))
    referral.clock_paused_since = None
    referral.save(update_fields=["due_date", "clock_paused_since"])

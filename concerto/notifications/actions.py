from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from concerto.mailing.subjects import subject_line
from concerto.notifications.models import EmailOptOut, Notification
from concerto.notifications.tasks import email_notification

_emails_enabled: ContextVar[bool] = ContextVar("notification_emails_enabled", default=True)


@contextmanager
def without_emails() -> Iterator[None]:
    """Notify on dashboards only, e.g. while replaying a history (the demo data)."""
    token = _emails_enabled.set(False)
    try:
        yield
    finally:
        _emails_enabled.reset(token)


def emails_enabled() -> bool:
    """False inside `without_emails()`: domains that send their own e-mails check it."""
    return _emails_enabled.get()


def set_email_notifications(user, *, enabled: bool) -> None:
    """Whether `user` also gets their notifications by e-mail (on the dashboard always)."""
    if enabled:
        EmailOptOut.objects.filter(user=user).delete()
    else:
        EmailOptOut.objects.get_or_create(user=user)


def email_notifications_enabled(user) -> bool:
    return not EmailOptOut.objects.filter(user=user).exists()


def notify(
    recipients: Iterable, *, subject: str, body: str, url: str = "", send_now: bool = False
) -> list[Notification]:
    """Tell each recipient once (duplicates and missing users skipped), on the
    dashboard at once and by e-mail once the current transaction commits. The subject
    is made one line (see `subject_line`). With `send_now`, the e-mails leave within this
    request instead of through the task queue (to say that the queue itself is stuck)."""
    unique = {user.pk: user for user in recipients if user is not None}
    subject = subject_line(subject)
    notifications = [
        Notification.objects.create(recipient=user, subject=subject, body=body, url=url)
        for user in unique.values()
    ]
    for notification in notifications if _emails_enabled.get() else ():
        if send_now:
            email_notification.call(notification.pk)
        else:
            transaction.on_commit(lambda pk=notification.pk: email_notification.enqueue(pk))
    return notifications

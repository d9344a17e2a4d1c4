"""Notification e-mails can be stopped in one click, like every e-mail the platform sends
to many: they then stay on the person's dashboard only."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from concerto.mailing.unsubscribe import register_scope

SCOPE = "notifications"


def _users(address: str):
    return get_user_model().objects.filter(email__iexact=address)


def stop_emails(address: str, scope: str) -> None:
    # actions imports the task module, which imports this one.
    from concerto.notifications.actions import set_email_notifications

    for user in _users(address):
        set_email_notifications(user, enabled=False)


def receives_emails(address: str) -> bool:
    return _users(address).filter(notification_opt_out__isnull=True).exists()


register_scope(
    SCOPE,
    label=_("Notifications par courriel (elles restent sur votre tableau de bord)"),
    unsubscribe=stop_emails,
    is_subscribed=receives_emails,
)

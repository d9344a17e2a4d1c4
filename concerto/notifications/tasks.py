from django.conf import settings
from django.template.loader import render_to_string
from django_tasks import task

from concerto.mailing.kinds import Rendered
from concerto.mailing.messages import build_message
from concerto.mailing.subjects import subject_line
from concerto.mailing.unsubscribe import unsubscribe_url
from concerto.notifications.mailings import SCOPE
from concerto.notifications.models import EmailOptOut, Notification


@task()
def email_notification(notification_id: int) -> None:
    """Send one notification by e-mail, in text and HTML, with its one-click unsubscribe
    link; not to someone who unsubscribed (it stays on their dashboard)."""
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    if EmailOptOut.objects.filter(user=recipient).exists():
        return
    context = {
        "notification": notification,
        "link": f"{settings.SITE_URL}{notification.url}" if notification.url else "",
        "unsubscribe_url": unsubscribe_url(recipient.email, SCOPE),
    }
    rendered = Rendered(
        subject=subject_line(f"Concerto : {notification.subject}"),
        text=render_to_string("notifications/emails/notification.txt", context),
        html=render_to_string("notifications/emails/notification.html", context),
        unsubscribe_scope=SCOPE,
    )
    seed = f"notification:{notification.pk}"
    build_message(address=recipient.email, rendered=rendered, message_id_seed=seed).send()

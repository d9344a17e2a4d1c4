from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

from concerto.notifications.models import Notification
from concerto.notifications.subjects import subject_line


@task()
def email_notification(notification_id: int) -> None:
    """Send one notification by e-mail, in text and HTML."""
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    context = {
        "notification": notification,
        "link": f"{settings.SITE_URL}{notification.url}" if notification.url else "",
    }
    message = EmailMultiAlternatives(
        subject=subject_line(f"Concerto : {notification.subject}"),
        body=render_to_string("notifications/emails/notification.txt", context),
        to=[notification.recipient.email],
    )
    message.attach_alternative(
        render_to_string("notifications/emails/notification.html", context), "text/html"
    )
    message.send()

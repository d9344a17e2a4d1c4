from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task

from concerto.mailing.subjects import subject_line
from concerto.procurement.models import Order


@task()
def email_order_to_holder(order_id: int) -> None:
    """Send the validated order to the holder's contact, who may have no account."""
    order = Order.objects.select_related("holder", "lot", "ministry", "process").get(pk=order_id)
    EmailMessage(
        subject=subject_line(f"Bon de commande {order.number} — {order.title}"),
        body=render_to_string(
            "procurement/emails/order.txt", {"order": order, "lines": order.lines.all()}
        ),
        to=[order.holder.contact_email],
    ).send()

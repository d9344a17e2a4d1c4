"""Build one bulk e-mail with the headers that let people leave in one click."""

import hashlib
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from concerto.mailing.kinds import Rendered
from concerto.mailing.subjects import subject_line
from concerto.mailing.unsubscribe import unsubscribe_url


def sender_domain() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "concerto.gouv.fr"


def message_id(seed: str) -> str:
    """The same Message-ID for the same delivery, so a resend after a crash is one
    message for receiving software that drops copies."""
    digest = hashlib.sha256(seed.encode()).hexdigest()[:32]
    return f"<{digest}@{sender_domain()}>"


def build_message(
    *, address: str, rendered: Rendered, message_id_seed: str, connection=None
) -> EmailMultiAlternatives:
    headers = {"Message-ID": message_id(message_id_seed), "Auto-Submitted": "auto-generated"}
    if rendered.unsubscribe_scope:
        # RFC 2369 and RFC 8058: the mail client offers "Se désabonner" and POSTs
        # List-Unsubscribe=One-Click to the link itself.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(address, rendered.unsubscribe_scope)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        headers["Precedence"] = "bulk"
    message = EmailMultiAlternatives(
        subject=subject_line(rendered.subject),
        body=rendered.text,
        to=[address],
        headers=headers,
        connection=connection,
    )
    if rendered.html:
        message.attach_alternative(rendered.html, "text/html")
    return message

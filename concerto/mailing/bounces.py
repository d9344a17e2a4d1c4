"""Hard bounces and complaints put an address on the suppression list.

Two sources, both what real mail systems send:
- messages in a mailbox (mbox file or Maildir folder) where the bounce address
  delivers: delivery status notifications (RFC 3464, multipart/report;
  report-type=delivery-status) and abuse reports (RFC 5965 ARF, report-type=feedback-report);
- a relay's webhook payload in JSON: Amazon SES notifications (notificationType Bounce
  or Complaint, also wrapped in an SNS envelope) or flat events {"event": "hard_bounce" |
  "spam" | "complaint", "email": …} as Brevo and Mailjet send.

A soft bounce (4.x.x, "delayed", a transient SES bounce) suppresses nothing: the relay
retries it.
"""

import json
import mailbox
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path

from django.db import IntegrityError, transaction

from concerto.mailing.models import Suppression, normalised


@dataclass(frozen=True)
class Verdict:
    address: str
    reason: str  # Suppression.Reason
    detail: str


def _address_of(value: str) -> str:
    # "rfc822; someone@example.org" or "<someone@example.org>"
    value = value.split(";", 1)[-1].strip().strip("<>")
    return normalised(value)


def _report_parts(message: Message, content_type: str) -> Iterator[Message]:
    for part in message.walk():
        if part.get_content_type() == content_type:
            yield part


def _fields_blocks(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the email package parsed the blocks as messages
        return payload
    text = payload if isinstance(payload, str) else part.get_payload(decode=True).decode()
    return [
        message_from_bytes(block.encode(), policy=policy.default)
        for block in re.split(r"\r?\n\r?\n", text.strip())
        if block.strip()
    ]


def read_message(message: Message) -> list[Verdict]:
    verdicts = []
    for part in _report_parts(message, "message/delivery-status"):
        for block in _fields_blocks(part)[1:]:  # the first block is per message
            recipient = block.get("Final-Recipient") or block.get("Original-Recipient")
            status = (block.get("Status") or "").strip()
            action = (block.get("Action") or "").strip().lower()
            if recipient and action == "failed" and status.startswith("5"):
                diagnostic = " ".join((block.get("Diagnostic-Code") or status).split())
                verdicts.append(Verdict(_address_of(recipient), "bounce", diagnostic[:500]))
    for part in _report_parts(message, "message/feedback-report"):
        for block in _fields_blocks(part):
            recipient = block.get("Original-Rcpt-To")
            if recipient is None:
                original = next(_report_parts(message, "message/rfc822"), None)
                inner = original.get_payload(0) if original is not None else None
                recipient = inner.get("To") if inner is not None else None
            if recipient:
                kind = (block.get("Feedback-Type") or "abuse").strip()
                verdicts.append(Verdict(_address_of(recipient), "complaint", kind))
    return verdicts


def read_mailbox(path: Path) -> Iterator[Verdict]:
    box = mailbox.Maildir(path, create=False) if path.is_dir() else mailbox.mbox(path)
    for key in box.keys():
        raw = box.get_bytes(key)
        yield from read_message(message_from_bytes(raw, policy=policy.default))


def _events(payload) -> Iterable[dict]:
    if isinstance(payload, list):
        for item in payload:
            yield from _events(item)
    elif isinstance(payload, dict):
        if payload.get("Type") == "Notification" and isinstance(payload.get("Message"), str):
            yield from _events(json.loads(payload["Message"]))  # SNS envelope
        else:
            yield payload


def read_webhook(payload) -> list[Verdict]:
    verdicts = []
    for event in _events(payload):
        kind = event.get("notificationType") or event.get("eventType")
        if kind == "Bounce" and event.get("bounce", {}).get("bounceType") == "Permanent":
            for recipient in event["bounce"].get("bouncedRecipients", []):
                detail = recipient.get("diagnosticCode") or recipient.get("status") or ""
                verdicts.append(Verdict(normalised(recipient["emailAddress"]), "bounce", detail))
        elif kind == "Complaint":
            for recipient in event.get("complaint", {}).get("complainedRecipients", []):
                verdicts.append(Verdict(normalised(recipient["emailAddress"]), "complaint", ""))
        elif event.get("email") and event.get("event") in {"hard_bounce", "blocked"}:
            verdicts.append(Verdict(normalised(event["email"]), "bounce", event.get("reason", "")))
        elif event.get("email") and event.get("event") in {"spam", "complaint"}:
            verdicts.append(Verdict(normalised(event["email"]), "complaint", ""))
    return verdicts


def suppress(verdicts: Iterable[Verdict]) -> int:
    """Record each address once; returns how many were new."""
    added = 0
    for verdict in verdicts:
        try:
            with transaction.atomic():
                _, created = Suppression.objects.get_or_create(
                    address=verdict.address,
                    defaults={"reason": verdict.reason, "detail": verdict.detail[:500]},
                )
        except IntegrityError:
            created = False
        added += created
    return added

"""Storing contributions that come from elsewhere: another platform's export or a
partner platform through the API. Each carries an idempotency key, so the same
item sent or imported twice is stored once."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from concerto.participation.models import Channel, Contribution, Module

# Fixed so that keys, and thus re-imports, are stable across deployments.
KEY_NAMESPACE = uuid.UUID("0b6a4f0e-52d4-4a8f-9a33-7f1e8d5c2b19")


def external_key(*parts) -> uuid.UUID:
    return uuid.uuid5(KEY_NAMESPACE, "\x1f".join(str(part) for part in parts))


def store_external_contribution(
    module: Module,
    *,
    entered_by,
    kind: str,
    body: str,
    idempotency_key: uuid.UUID,
    channel: str = Channel.ONLINE,
    title: str = "",
    submitted_at: datetime | None = None,
    parent: Contribution | None = None,
    theme=None,
    stance: str = "",
) -> tuple[Contribution, bool]:
    """Store one contribution received from another platform, published at once and dated
    when it was submitted there. The caller has checked that `entered_by` manages the
    module. Returns (contribution, created)."""
    existing = Contribution.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    contribution = Contribution(
        module=module, kind=kind, channel=channel, entered_by=entered_by, title=title.strip(),
        body=body.strip(), parent=parent, theme=theme, stance=stance,
        idempotency_key=idempotency_key,
    )  # fmt: skip
    contribution.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            contribution.save()
    except IntegrityError:
        # The same key committed concurrently (a retried call): keep that one.
        return Contribution.objects.get(idempotency_key=idempotency_key), False
    if submitted_at is not None:
        # created_at is set on insert; never dated in the future.
        contribution.created_at = min(submitted_at, timezone.now())
        Contribution.objects.filter(pk=contribution.pk).update(created_at=contribution.created_at)
    return contribution, True


def validation_messages(error: ValidationError) -> list[str]:
    return list(error.messages)

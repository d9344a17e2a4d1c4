"""Storing contributions that come from elsewhere: another platform's export or a
partner platform through the API. Each carries an idempotency key, so the same
item sent or imported twice is stored once."""

import uuid
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from concerto.participation import idempotency
from concerto.participation.models import Channel, Contribution, Module

# Keys were once derived from this public namespace, which anyone could compute; they are
# only still looked for among the organisation's own contributions, so that items stored
# back then are not stored twice.
LEGACY_KEY_NAMESPACE = uuid.UUID("0b6a4f0e-52d4-4a8f-9a33-7f1e8d5c2b19")


def legacy_external_key(*parts) -> uuid.UUID:
    return uuid.uuid5(LEGACY_KEY_NAMESPACE, "\x1f".join(str(part) for part in parts))


def store_external_contribution(
    module: Module,
    *,
    entered_by,
    kind: str,
    body: str,
    idempotency_key: uuid.UUID,
    legacy_key: uuid.UUID | None = None,
    channel: str = Channel.ONLINE,
    title: str = "",
    submitted_at: datetime | None = None,
    parent: Contribution | None = None,
    theme=None,
    stance: str = "",
) -> tuple[Contribution, bool]:
    """Store one contribution received from another platform, published at once and dated
    when it was submitted there. The caller has checked that `entered_by` manages the
    module. The key is looked for only among what the module's organisation stored
    itself (`legacy_key` too, where given). Returns (contribution, created)."""
    scope = idempotency.organisation_scope(module)
    ours = Contribution.objects.filter(module=module, idempotency_scope=scope)
    keys = [key for key in (idempotency_key, legacy_key) if key is not None]
    existing = ours.filter(idempotency_key__in=keys).order_by("pk").first()
    if existing is not None:
        return existing, False
    contribution = Contribution(
        module=module, kind=kind, channel=channel, entered_by=entered_by, title=title.strip(),
        body=body.strip(), parent=parent, theme=theme, stance=stance,
        idempotency_key=idempotency_key, idempotency_scope=scope,
    )  # fmt: skip
    contribution.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            contribution.save()
    except IntegrityError:
        # The same key committed concurrently (a retried call): keep that one.
        return ours.get(idempotency_key=idempotency_key), False
    if submitted_at is not None:
        # created_at is set on insert; never dated in the future.
        contribution.created_at = min(submitted_at, timezone.now())
        Contribution.objects.filter(pk=contribution.pk).update(created_at=contribution.created_at)
    return contribution, True

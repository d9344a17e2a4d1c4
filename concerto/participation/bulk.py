"""Storing many contributions at once (file imports), exactly once per idempotency key.

Writes go in batches, each its own short transaction: SQLite's write lock is held for
one batch, never for a whole file, so the site and the task worker keep writing
meanwhile. An import stays all or nothing: callers check every row first
(`check_contribution`), and should a batch fail, what this run stored is deleted
before the error goes up. A key the module's organisation already stored counts as
"existing" and is not written again, so importing the same file twice stores each row
once (keys belong to their submitter, see `concerto.participation.idempotency`).
"""

import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.participation import idempotency
from concerto.participation.models import Contribution, Module

BATCH_SIZE = 500
# Checked by the caller's own rules, or by a query each (foreign keys): not per row here.
_NOT_CHECKED = ["module", "author", "entered_by", "theme", "parent", "merged_into",
                "idempotency_key"]  # fmt: skip


@dataclass
class Pending:
    """One contribution to store: unsaved, its key set; `parent_key` names a parent
    stored earlier in the same run or before; `submitted_at` replaces created_at."""

    contribution: Contribution
    submitted_at: datetime | None = None
    parent_key: uuid.UUID | None = None
    # The key this item had before keys were server secrets: found, it counts as stored.
    legacy_key: uuid.UUID | None = None


@dataclass
class Stored:
    created: int = 0
    existing: int = 0
    by_kind: Counter = field(default_factory=Counter)
    # key -> primary key of every item of the run, created or found.
    pks: dict[uuid.UUID, int] = field(default_factory=dict)


def check_contribution(contribution: Contribution) -> list[str]:
    """What the model refuses in an unsaved contribution, without any query."""
    if not contribution.body.strip():
        return [_("Le texte de la contribution est vide.")]
    try:
        contribution.clean_fields(exclude=_NOT_CHECKED)
    except ValidationError as error:
        return list(error.messages)
    return []


def _existing(module: Module, scope: str, batch: list[Pending]) -> dict[uuid.UUID, int]:
    """{key: pk} of the batch's items the organisation already stored, by key or by
    legacy key."""
    legacy = {p.legacy_key: p.contribution.idempotency_key for p in batch if p.legacy_key}
    keys = [p.contribution.idempotency_key for p in batch] + list(legacy)
    rows = Contribution.objects.filter(
        module=module, idempotency_scope=scope, idempotency_key__in=keys
    ).values_list("idempotency_key", "pk")
    found = {}
    for key, pk in rows:
        found.setdefault(legacy.get(key, key), pk)
    return found


def _date(created: list[Pending]) -> None:
    """created_at is set on insert: date each contribution when it was submitted, never
    in the future. One statement run for many rows (bulk_update's CASE is far slower)."""
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params = []
    for pending in created:
        if pending.submitted_at is not None:
            pending.contribution.created_at = min(pending.submitted_at, now)
            params.append((adapt(pending.contribution.created_at), pending.contribution.pk))
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(_date_sql(), params)


def _date_sql() -> str:
    quote = connection.ops.quote_name
    meta = Contribution._meta
    return (
        f"UPDATE {quote(meta.db_table)} SET {quote(meta.get_field('created_at').column)} = %s "
        f"WHERE {quote(meta.pk.column)} = %s"
    )


def _write(
    module: Module, scope: str, batch: list[Pending], stored: Stored, created_pks: list[int]
) -> None:
    for _attempt in range(3):
        try:
            with transaction.atomic():
                found = _existing(module, scope, batch)
                new = [p for p in batch if p.contribution.idempotency_key not in found]
                for pending in new:
                    pending.contribution.idempotency_scope = scope
                    if pending.parent_key is not None:
                        pending.contribution.parent_id = stored.pks[pending.parent_key]
                Contribution.objects.bulk_create([p.contribution for p in new])
                _date(new)
        except IntegrityError:
            # The same keys committed meanwhile (the same file imported twice at once):
            # look them up again.
            continue
        break
    else:
        raise IntegrityError("idempotency keys kept colliding")
    stored.existing += len(found)
    stored.pks.update(found)
    for pending in new:
        contribution = pending.contribution
        stored.pks[contribution.idempotency_key] = contribution.pk
        created_pks.append(contribution.pk)
        stored.created += 1
        stored.by_kind[contribution.kind] += 1


def store_contributions(
    module: Module, items: Iterable[Pending], *, on_batch: Callable[[int], None] | None = None
) -> Stored:
    """Store `items`, entered into `module` by its organisation (parents before their
    replies), in batches; `on_batch(n)` is told how many items were handled so far after
    each committed batch."""
    scope = idempotency.organisation_scope(module)
    stored = Stored()
    created_pks: list[int] = []
    batch: list[Pending] = []
    handled = 0
    seen: set[uuid.UUID] = set()

    def flush() -> None:
        nonlocal handled
        if batch:
            _write(module, scope, batch, stored, created_pks)
            handled += len(batch)
            batch.clear()
            if on_batch is not None:
                on_batch(handled)

    try:
        for pending in items:
            key = pending.contribution.idempotency_key
            if key in seen:  # the same item twice in one file: stored once
                stored.existing += 1
                continue
            seen.add(key)
            if pending.parent_key is not None and pending.parent_key not in stored.pks:
                flush()  # its parent is in this batch: store it first
            batch.append(pending)
            if len(batch) >= BATCH_SIZE:
                flush()
        flush()
    except BaseException:
        # All or nothing: what this run stored goes away with the error.
        for start in range(0, len(created_pks), BATCH_SIZE):
            Contribution.objects.filter(pk__in=created_pks[start : start + BATCH_SIZE]).delete()
        raise
    return stored

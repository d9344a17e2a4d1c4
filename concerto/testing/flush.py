"""A fast database flush for transactional tests (browser tests, `transaction=True`).

Django's flush empties every table (on PostgreSQL, a truncation of all 300 that alone
takes 0.4 s; here only the tables holding rows are emptied), then emits `post_migrate`,
whose receivers rebuild the content types, every permission, Wagtail's page tree and the
resource centre's skeleton: about 850 queries and half a second after every browser test.
The rows those receivers write do not change within a test session, so the first flush of
the session runs them for real and keeps a copy of what they wrote (the baseline); every
later flush empties the tables without the signal and writes the baseline back, a few bulk
inserts.

The baseline keeps the primary keys of the first rebuild. The sequences are not reset by
a test flush, so later rows never collide with them. Tables that database triggers fill
(Wagtail's full-text index on SQLite) are left to their triggers.
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connections, router, transaction

# Database alias -> [(model, rows as model instances)], in the order the models come.
_baselines: dict[str, list[tuple[type, list]]] = {}


def flush_to_baseline(using: str = "default") -> None:
    """Empty every table of `using` and leave exactly what `post_migrate` would write."""
    baseline = _baselines.get(using)
    if baseline is None:
        _flush(using, inhibit_post_migrate=False)
        _baselines[using] = _snapshot(using)
        return
    _empty(using)
    _restore(using, baseline)


def forget_baselines() -> None:
    """Take the baseline again at the next flush (after a test that migrated, say)."""
    _baselines.clear()


def _flush(using: str, *, inhibit_post_migrate: bool) -> None:
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        database=using,
        reset_sequences=False,
        inhibit_post_migrate=inhibit_post_migrate,
    )


def _empty(using: str) -> None:
    """Every table emptied, without the signal, as Django's flush empties them.

    On PostgreSQL Django truncates every table in one statement, which costs 0.4 s for
    300 tables however few rows they hold (each gets a new file). Deleting the rows of the
    tables that have some, with the foreign keys checked at commit (Django creates them
    deferrable), takes a fraction of that after a browser test."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        _flush(using, inhibit_post_migrate=True)
        return
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    quote = connection.ops.quote_name
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {quote(t)})" for t in tables))
        holding = cursor.fetchone()
        filled = [table for table, rows in zip(tables, holding, strict=True) if rows]
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in filled:
            cursor.execute(f"DELETE FROM {quote(table)}")


def _tables_of(using: str) -> list[type]:
    """The models that own a table of `using`: one model per table, parents included,
    many-to-many tables included (their auto-created through models)."""
    # Some models have a table on one backend only (Wagtail's SQLite full-text index).
    existing = set(connections[using].introspection.table_names())
    seen: set[str] = set()
    models = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        if meta.db_table not in existing:
            continue
        if not router.allow_migrate_model(using, model):
            continue
        seen.add(meta.db_table)
        models.append(model)
    return models


def _trigger_filled_tables(using: str) -> set[str]:
    """Tables that a trigger writes into when another table gets a row."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        sql = "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
    elif connection.vendor == "postgresql":
        sql = "SELECT action_statement FROM information_schema.triggers"
    else:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        bodies = [row[0] or "" for row in cursor.fetchall()]
    return {
        table
        for body in bodies
        for table in re.findall(r'INSERT\s+INTO\s+"?(\w+)"?', body, flags=re.IGNORECASE)
    }


def _snapshot(using: str) -> list[tuple[type, list]]:
    baseline = []
    derived = _trigger_filled_tables(using)
    for model in _tables_of(using):
        if model._meta.db_table in derived:
            continue
        # Parent models are read as themselves: each table keeps its own columns.
        rows = list(model._base_manager.using(using).order_by("pk"))
        if rows:
            baseline.append((model, rows))
    return baseline


def _restore(using: str, baseline: list[tuple[type, list]]) -> None:
    connection = connections[using]
    # Foreign keys are checked at commit (deferred): the insertion order does not matter.
    with transaction.atomic(using=using):
        for model, rows in baseline:
            # Only this table's own columns: a child page's row goes in beside its parent's.
            fields = list(model._meta.local_concrete_fields)
            batch_size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
            manager = model._base_manager.using(using)
            for start in range(0, len(rows), batch_size):
                manager._insert(rows[start : start + batch_size], fields=fields, raw=True)
    # The rows are back with the ids of the first rebuild; drop any id cached since.
    ContentType.objects.clear_cache()

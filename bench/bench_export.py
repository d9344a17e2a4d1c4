"""Benchmark: export one module's 1 million contributions as CSV in constant memory.

Seeds a throwaway database (SQLite in a temporary folder, or the server named
by BENCH_DATABASE_URL), then streams the module's CSV export and reports the
time, the throughput and the peak memory of the export (Python heap, measured
with tracemalloc on a second pass, and the process's resident-set growth).

    uv run python bench/bench_export.py [--rows 1000000]
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(workdir: str) -> None:
    from benchenv import use_bench_database

    default = f"sqlite:///{workdir}/bench.sqlite3"
    use_bench_database(workdir, os.environ.get("BENCH_DATABASE_URL", default))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(rows: int):
    from django.db import connection, transaction
    from django.utils import timezone

    from concerto.participation.models import Contribution, Module
    from tests.factories import open_module

    module, _ = open_module("proposals", title="Banc d'essai")
    texts = [
        "Relier les villages par des pistes cyclables sécurisées, éclairées la nuit.",
        "Développer le covoiturage domicile-travail avec des aires dédiées, près des gares.",
        "Baisser la TVA sur les produits de première nécessité, et contrôler les marges.",
    ]
    table = Contribution._meta.db_table
    columns = [
        "module_id",
        "kind",
        "channel",
        "pseudonym",
        "title",
        "body",
        "location",
        "stance",
        "status",
        "hidden_reason",
        "idempotency_scope",
        "idempotency_key",
        "created_at",
        "updated_at",
    ]
    # Raw executemany: the ORM's bulk_create is bounded by SQLite's variable limit.
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")  # fmt: skip
    now = timezone.now()
    started = time.perf_counter()
    batch = 20_000
    with connection.cursor() as cursor:
        for start in range(0, rows, batch):
            with transaction.atomic():
                cursor.executemany(sql, [
                    (module.pk, "proposal", "online", "", f"Proposition {n}",
                     texts[n % len(texts)] * (1 + n % 4), "", "", "published", "", "bench",
                     uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4(),
                     now, now)
                    for n in range(start, min(rows, start + batch))
                ])  # fmt: skip
    print(f"seeded {rows:,} contributions in {time.perf_counter() - started:.1f} s")
    return Module.objects.get(pk=module.pk)


def export(module) -> tuple[int, int]:
    """The CSV lines the download streams (the view's own writer), counted and measured."""
    from concerto.downloads import csv_lines
    from concerto.participation.exports import COLUMNS, contribution_rows

    lines = size = 0
    for line in csv_lines(COLUMNS, contribution_rows(module)):
        lines += 1
        size += len(line.encode("utf-8"))
    return lines, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        module = seed(args.rows)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        lines, size = export(module)
        elapsed = time.perf_counter() - started
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        tracemalloc.start()
        export(module)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"exported {lines - 1:,} rows ({size / 1e6:.0f} MB of CSV) in {elapsed:.1f} s "
          f"= {(lines - 1) / elapsed:,.0f} rows/s")  # fmt: skip
    print(f"peak Python heap during export: {peak / 1e6:.1f} MB (tracemalloc, second pass)")
    print(f"resident set growth during export: {rss_growth / 1024:.1f} MB")


if __name__ == "__main__":
    main()

"""Benchmark: file imports through their background jobs (issue 21).

Generates a 100,000-row offline CSV (letters, a third of them identical campaign
letters) and a Decidim open-data ZIP of 50,000 proposals and comments (replies listed
before what they answer), then imports each twice through its job (the second import
finds every row already stored) and reports throughput (rows/s) and peak memory. Each
scenario runs in a child process, so that its peak resident set (getrusage) is its own;
the Python heap peak is measured with tracemalloc on a separate, smaller run. The former
row-by-row path (one transaction per contribution) runs on a sample as the peer.

    uv run python bench/bench_imports.py [--offline-rows 100000] [--decidim-rows 50000]

SQLite (WAL, as the default setup) in a temporary folder: the database the import jobs
once locked for the whole file.
"""

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHANNELS = ["paper", "mail", "email", "meeting"]
WORDS = (
    "mobilité gare vélo bus tramway école cantine santé logement énergie climat forêt eau "
    "commerce emploi jeunesse culture sport sécurité quartier village route piste parc"
).split()
CAMPAIGN = "Non à la fermeture de la gare de Bréauté : elle dessert trois villages et le lycée."


def text(n: int, length: int) -> str:
    """Varied words, so that the files compress like real ones."""
    return " ".join(WORDS[(n * 7 + i * (n % 13 + 1)) % len(WORDS)] for i in range(length))


def offline_csv(rows: int) -> bytes:
    lines = ["channel,received_on,author,title,text,theme"]
    for n in range(rows):
        body = CAMPAIGN if n % 3 == 0 else f"{text(n, 12 + n % 25)} ({n})."
        author = "anonyme" if n % 2 else f"Habitant {n % 997}"
        lines.append(f'{CHANNELS[n % 4]},2026-01-{1 + n % 28:02d},{author},,"{body}",')
    return ("\n".join(lines) + "\n").encode()


def decidim_zip(total: int) -> bytes:
    proposals = total * 2 // 5
    comments = total - proposals
    out = io.StringIO()
    out.write("id;title/fr;body/fr;state;published_at;withdrawn;author/name\n")
    for p in range(1, proposals + 1):
        out.write(
            f'{p};Proposition {p} : {text(p, 6)};"<p>{text(p, 20 + p % 30)}.</p><p>{p}</p>";'
            f"evaluating;2020-06-{1 + p % 28:02d} 14:00:00 UTC;false;Participant {p}\n"
        )
    proposal_csv = out.getvalue()
    out = io.StringIO()
    out.write("id;created_at;body/fr;alignment;depth;commentable_id;commentable_type\n")
    for c in range(1, comments + 1):
        if c % 4 == 0 and c < comments:  # a reply, listed before the comment it answers
            parent, kind = c + 1, "Decidim::Comments::Comment"
        else:
            parent, kind = 1 + c % proposals, "Decidim::Proposals::Proposal"
        out.write(
            f'{c};2020-07-{1 + c % 28:02d} 09:00:00 UTC;"<p>{text(c, 8 + c % 20)} {c}</p>";'
            f"{(c % 3) - 1};{int(c % 4 == 0)};{parent};{kind}\n"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bench-open-data-proposals.csv", proposal_csv)
        archive.writestr("bench-open-data-proposal_comments.csv", out.getvalue())
    return buffer.getvalue()


# In the child process


def setup_django(workdir: str, database: str = "bench.sqlite3") -> None:
    from benchenv import use_bench_database

    use_bench_database(workdir, f"sqlite:///{workdir}/{database}")
    # The job runs in this process, as the worker would run it.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)


def child(scenario: str, path: str, workdir: str, heap: bool) -> dict:
    setup_django(workdir, _copy(workdir, f"{scenario}-{heap}"))
    from concerto.jobs.progress import start_job
    from concerto.participation import offline
    from tests.factories import open_module

    data = Path(path).read_bytes()
    module, organiser = open_module("proposals", title=f"Banc d'essai {scenario}")
    if scenario == "offline":
        from concerto.participation.tasks import import_offline_file as task

        # The bench file is ten times the per-file limit of an upload.
        offline.MAX_ROWS = max(offline.MAX_ROWS, data.count(b"\n"))
        kwargs = {}
    else:
        from concerto.opendata.imports.jobs import import_platform_file as task

        kwargs = {"source": "decidim", "encoding": "utf-8"}
    if heap:
        tracemalloc.start()

    def run():
        started = time.perf_counter()
        job = start_job(
            task, owner=organiser, label="Banc d'essai", upload=(Path(path).name, data),
            module_id=module.pk, actor_id=organiser.pk, **kwargs,
        )  # fmt: skip
        return time.perf_counter() - started, job

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    first, job = run()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"status": job.status, "message": job.message, "first_s": first}
    if heap:
        result["heap_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result
    again, job = run()
    stored = module.contributions.count()
    result |= {
        "again_s": again,
        "again_message": job.message,
        "stored": stored,
        "rss_growth_kb": rss_after - rss_before,
    }
    return result


def peer(path: str, workdir: str, rows: int) -> dict:
    """The former path: one checked, idempotent insert per row, each its own transaction."""
    setup_django(workdir, _copy(workdir, "peer"))
    from django.utils import timezone

    from concerto.participation import offline
    from tests.factories import open_module

    module, organiser = open_module("proposals", title="Banc d'essai ligne à ligne")
    offline.MAX_ROWS = max(offline.MAX_ROWS, Path(path).read_bytes().count(b"\n"))
    parsed = offline.parse_csv(Path(path).read_bytes(), today=timezone.localdate())[:rows]
    started = time.perf_counter()
    for row in parsed:
        offline.enter_offline_contribution(
            module, actor=organiser, channel=row.channel, received_on=row.received_on,
            body=row.text, idempotency_key=row.key(module), author=row.author, title=row.title,
        )  # fmt: skip
    return {"rows": len(parsed), "seconds": time.perf_counter() - started}


def _copy(workdir: str, name: str) -> str:
    """A fresh copy of the migrated database for one child: test factories restart their
    sequences in each process."""
    copy = f"{name}.sqlite3"
    shutil.copyfile(Path(workdir) / "bench.sqlite3", Path(workdir) / copy)
    return copy


def spawn(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offline-rows", type=int, default=100_000)
    parser.add_argument("--decidim-rows", type=int, default=50_000)
    parser.add_argument("--peer-rows", type=int, default=2_000)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--peer", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        scenario, path, workdir, heap = args.child
        print(json.dumps(child(scenario, path, workdir, heap == "heap")))
        return
    if args.peer:
        path, workdir, rows = args.peer
        print(json.dumps(peer(path, workdir, int(rows))))
        return
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        # The children copy the database file: write the WAL back into it first, or the
        # copies miss the last migrations.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        files = {
            "offline": (Path(workdir) / "cahiers.csv", offline_csv, args.offline_rows),
            "decidim": (Path(workdir) / "export.zip", decidim_zip, args.decidim_rows),
        }
        for name, (path, make, rows) in files.items():
            started = time.perf_counter()
            path.write_bytes(make(rows))
            print(f"{name}: {rows:,} rows, {path.stat().st_size / 1e6:.1f} MB file, "
                  f"generated in {time.perf_counter() - started:.1f} s")  # fmt: skip
        results = {}
        for name, (path, _make, rows) in files.items():
            result = spawn("--child", name, str(path), workdir, "rss")
            results[name] = result
            print(f"\n== {name} ({rows:,} rows): {result['message']}")
            print(f"first import : {result['first_s']:.1f} s = "
                  f"{rows / result['first_s']:,.0f} rows/s (job: {result['status']})")  # fmt: skip
            print(f"same file again: {result['again_s']:.1f} s = "
                  f"{rows / result['again_s']:,.0f} rows/s")  # fmt: skip
            print(f"  {result['again_message']}")
            print(f"contributions stored once: {result['stored']:,}")
            print(f"peak resident set growth: {result['rss_growth_kb'] / 1024:.0f} MB (getrusage)")
        for name, (path, _make, _rows) in files.items():
            heap = spawn("--child", name, str(path), workdir, "heap")
            print(f"{name}: peak Python heap during the import: "
                  f"{heap['heap_peak'] / 1e6:.0f} MB (tracemalloc, separate run)")  # fmt: skip
        base = spawn("--peer", str(files["offline"][0]), workdir, str(args.peer_rows))
        peer_rate = base["rows"] / base["seconds"]
        ours = args.offline_rows / results["offline"]["first_s"]
        print(f"\npeer, row by row (former path), {base['rows']:,} offline rows: "
              f"{peer_rate:,.0f} rows/s; batched job: {ours:,.0f} rows/s = "
              f"{ours / peer_rate:.1f}×")  # fmt: skip


if __name__ == "__main__":
    main()

"""Orchestrates the load-and-fault run; see bench/README.md ("Charge et pannes")."""

import argparse
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.load import cpu, ratelimit_check, servers, texts, warmup
from bench.load.faults import Faults
from bench.load.report import report
from bench.load.stack import Stack

ROOT = servers.ROOT
SIZES = {
    # name: processes, contributions, participants, users, duration (s), comparison (s)
    "quick": (500, 20_000, 5_000, 20, 20, 5),
    "medium": (10_000, 200_000, 50_000, 50, 60, 10),
    "full": (10_000, 1_000_000, 200_000, 50, 60, 10),
}
KEYS = ["processes", "contributions", "participants", "users", "duration", "compare_duration"]
# The bare view first: the other figures are read as fractions of it.
COMPARED = ["bare", "process_anonymous", "process_signed_in", "proposals", "submit"]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Charge et pannes : haproxy, instances gunicorn, workers, PostgreSQL, "
        "Redis, SeaweedFS, locust, SIGKILL."
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="petit jeu de données, 20 s")
    size.add_argument("--full", action="store_true", help="taille État : 1 M de contributions")
    parser.add_argument("--processes", type=int)
    parser.add_argument("--contributions", type=int)
    parser.add_argument("--participants", type=int)
    parser.add_argument("--users", type=int, help="utilisateurs simultanés (phase mixte)")
    parser.add_argument("--duration", type=int, help="durée de la phase mixte (s)")
    parser.add_argument("--submit-users", type=int, default=20)
    parser.add_argument("--submit-duration", type=int, help="phase dépôt seul (s)")
    parser.add_argument("--compare-users", type=int, default=16,
                        help="utilisateurs sans pause, comparaison à la vue nue")  # fmt: skip
    parser.add_argument("--compare-duration", type=int, help="durée de chaque mesure (s)")
    parser.add_argument("--hot", type=int, default=10, help="dispositifs visés par la charge")
    parser.add_argument("--instances", type=int, default=2, help="instances gunicorn")
    parser.add_argument("--workers", type=int, default=4, help="workers gunicorn par instance")
    parser.add_argument("--threads", type=int, default=4, help="threads par worker")
    parser.add_argument("--db-workers", type=int, default=2, help="workers de tâches")
    parser.add_argument("--rate-limit", type=int, default=5,
                        help="limite de dépôts vérifiée entre instances")  # fmt: skip
    parser.add_argument("--no-faults", action="store_true", help="sans SIGKILL")
    parser.add_argument("--keep", action="store_true", help="garder le dossier de travail")
    args = parser.parse_args(argv)
    name = "quick" if args.quick else "full" if args.full else "medium"
    for key, value in zip(KEYS, SIZES[name], strict=True):
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.submit_duration is None:
        args.submit_duration = max(10, args.duration // 2)
    args.size = name
    return args


def python(module: str, *arguments: str, env: dict, log: Path | None = None) -> None:
    command = [str(servers.VENV_BIN / "python"), "-m", module, *arguments]
    output = log.open("ab") if log else None
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=output, stderr=output)


def collectstatic(env: dict, log: Path) -> subprocess.Popen:
    """Static files collected beside the seeding (CPU-bound while the seeding waits on
    PostgreSQL)."""
    return subprocess.Popen(
        [str(servers.VENV_BIN / "concerto"), "collectstatic", "--noinput", "-v0"], env=env,
        cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def locust(work: Path, env: dict, url: str, classes: list[str], users: int, seconds: int,
           name: str, until: threading.Event | None = None, ramp: bool = True) -> dict:  # fmt: skip
    """Run locust headless in its own process, for `seconds` or until `until` is set;
    returns its per-request statistics, its errors and the CPU it used itself."""
    prefix = work / name
    limit = seconds if until is None else seconds + 900
    spawn_rate = max(1, users // 5) if ramp else users
    command = [
        str(servers.VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless", "-u", str(users), "-r", str(spawn_rate), "-t", f"{limit}s",
        "--host", url, "--csv", str(prefix), "--only-summary",
        "--stop-timeout", "30", "--loglevel", "WARNING", *classes,
    ]  # fmt: skip
    run_env = dict(env, LOAD_ACKS=str(work / f"{name}-acks.jsonl"))
    start = time.monotonic()
    with (work / f"{name}-locust.log").open("wb") as log:
        process = subprocess.Popen(
            command, env=run_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        if until is not None:
            until.wait(limit)
            # SIGTERM: locust stops its users (30 s to finish a retry), writes its figures.
            process.send_signal(signal.SIGTERM)
        # wait4: the CPU this one child used, to tell whether the client was the bottleneck.
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    rows = {}
    with (work / f"{name}_stats.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "count": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": _ms(row["50%"]),
                "p95": _ms(row["95%"]),
                "p99": _ms(row["99%"]),
            }
    errors = []
    failures = work / f"{name}_failures.csv"
    if failures.exists():
        with failures.open(newline="") as handle:
            errors = [
                (row["Name"], row["Error"], int(row["Occurrences"]))
                for row in csv.DictReader(handle)
            ]
    used = usage.ru_utime + usage.ru_stime
    return {"rows": rows, "errors": errors, "client_cpu": used / wall, "wall": wall}


def _ms(value: str) -> float | None:
    return None if value in ("", "N/A") else float(value)


def compare(work: Path, env: dict, url: str, users: int, seconds: int) -> dict:
    """Each page between two runs of the bare view, at the same concurrency. A page's
    fraction is its rate over the mean of the bare runs just before and after it: the
    machine drifts during a run (the task workers' bursts, another job), and one bare
    run measured alone moved by half from one run of the harness to the next."""

    def measure(target: str, name: str) -> dict:
        before = cpu.snapshot()
        run = locust(work, dict(env, LOAD_TARGET=target, LOAD_SESSION_OFFSET="30000"), url,
                     ["Throughput"], users, seconds, f"compare-{name}", ramp=False)  # fmt: skip
        after = cpu.snapshot()
        rows = [r for n, r in run["rows"].items() if n != "Aggregated"]
        row = rows[0] if rows else {"rps": 0.0, "count": 0, "failures": 0, "p50": None,
                                    "p95": None}  # fmt: skip
        return {**row, "client_cpu": run["client_cpu"],
                "cpu_ms": cpu.per_request(before, after, row["count"])}  # fmt: skip

    bare_runs = [measure("bare", "bare-0")]
    pages = {}
    for index, target in enumerate(COMPARED[1:], start=1):
        pages[target] = measure(target, target)
        bare_runs.append(measure("bare", f"bare-{index}"))
        pages[target]["baseline"] = (bare_runs[-2]["rps"] + bare_runs[-1]["rps"]) / 2
    rates = [run["rps"] for run in bare_runs]
    bare = {
        "rps": sum(rates) / len(rates),
        "runs": rates,
        "count": sum(run["count"] for run in bare_runs),
        "failures": sum(run["failures"] for run in bare_runs),
        "p50": max((run["p50"] for run in bare_runs if run["p50"] is not None), default=None),
        "p95": max((run["p95"] for run in bare_runs if run["p95"] is not None), default=None),
        "client_cpu": max(run["client_cpu"] for run in bare_runs),
        "cpu_ms": bare_runs[-1]["cpu_ms"],
    }
    bare["baseline"] = bare["rps"]
    return {"bare": bare, **pages}


def main(argv=None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="concerto-load."))
    print(
        f"Charge et pannes — taille « {args.size} » : {args.processes} dispositifs, "
        f"{args.contributions} contributions, {args.participants} participants ; "
        f"{args.users} utilisateurs simultanés, {args.duration} s (dossier : {work})"
    )
    if args.size != "full":
        print("  (taille État complète : --full)")
    print(f"  charge de la machine au départ : {_uptime()}")
    stack = Stack(work, args.instances, args.db_workers, args.workers, args.threads)
    for line in stack.skipped:
        print(f"  partie omise — {line}")
    pg = servers.Postgres()
    pg.start(durable=False)
    faults = None
    measures = {}
    try:
        var = work / "var"
        var.mkdir()
        extra = stack.start_services()
        env = servers.app_env(pg.url, var, rate_limit=10**9, **extra)
        # As every deployment does before it serves: without the manifest, each page
        # would name its files unhashed and log ten warnings, and be measured doing so.
        collecting = collectstatic(env, work / "collectstatic.log")
        start = time.perf_counter()
        python("bench.load.seed", "--out", str(work / "plan.json"),
               "--processes", str(args.processes), "--contributions", str(args.contributions),
               "--participants", str(args.participants), "--hot", str(args.hot),
               env=env, log=work / "seed.log")  # fmt: skip
        seeding = time.perf_counter() - start
        if collecting.wait() != 0:
            raise RuntimeError(f"collectstatic a échoué : voir {work / 'collectstatic.log'}")
        plan = json.loads((work / "plan.json").read_text())
        pg.make_durable()
        sample = random.Random(3).sample(texts.bodies(), 3000)
        (work / "texts.json").write_text(json.dumps(sample))

        # The real limit first, then the instances restart with the load's raised one.
        limited = servers.app_env(pg.url, var, rate_limit=args.rate_limit, **extra)
        measures["boot"] = stack.start_app(limited, env)
        print(f"  {stack.describe()} : prêts en {measures['boot']:.1f} s")
        measures["limits"] = ratelimit_check.check(stack.url, plan, args.rate_limit)
        measures["restart"] = stack.restart_instances(env)
        logs = {name: work / f"gunicorn-{name}.log" for name in stack.names}
        measures["warmup"] = warmup.warm(stack.url, plan, logs, args.workers)
        warmup.require_signed_in(stack.url, plan)

        load_env = dict(env, LOAD_PLAN=str(work / "plan.json"), LOAD_TEXTS=str(work / "texts.json"))
        measures["compare"] = compare(work, load_env, stack.url, args.compare_users,
                                      args.compare_duration)  # fmt: skip
        if not args.no_faults:
            faults = Faults(stack, args.duration)
            faults.start()
        measures["mixed"] = locust(work, load_env, stack.url, ["Participant", "Moderator"],
                                   args.users, args.duration, "mixed",
                                   until=faults.done if faults else None)  # fmt: skip
        measures["submit"] = locust(work, dict(load_env, LOAD_SESSION_OFFSET="10000"), stack.url,
                                    ["Submitter"], args.submit_users, args.submit_duration,
                                    "submit")  # fmt: skip
        python("bench.load.reconcile", str(work / "mixed-acks.jsonl"),
               str(work / "submit-acks.jsonl"), "--emails", str(var / "emails"),
               "--out", str(work / "reconcile.json"),
               "--notification-baseline", str(plan["notification_baseline"]),
               env=env, log=work / "reconcile.log")  # fmt: skip
        result = json.loads((work / "reconcile.json").read_text())
    finally:
        stack.stop()
        pg.stop()
    report(args, stack, plan, seeding, measures, faults, result, _uptime())
    if not args.keep:
        for path in sorted(work.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        work.rmdir()
    ok = (
        result["contributions"]["lost"] == 0
        and result["contributions"]["duplicated"] == 0
        and result["votes"]["supports_lost"] == 0
        and result["votes"]["hidings_lost"] == 0
        and result["tasks"]["pending"] == 0
        and result["tasks"]["task_results_duplicated"] == 0
        and all(check["ok"] for check in measures["limits"])
    )
    return 0 if ok else 1


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())

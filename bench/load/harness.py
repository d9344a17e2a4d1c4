"""Orchestrates the load-and-fault run; see bench/README.md ("Charge et pannes")."""

import argparse
import csv
import json
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.load import servers, texts

ROOT = servers.ROOT
SIZES = {
    # name: processes, contributions, participants, users, duration (s)
    "quick": (500, 20_000, 5_000, 20, 20),
    "medium": (10_000, 200_000, 50_000, 50, 60),
    "full": (10_000, 1_000_000, 200_000, 50, 60),
}
TARGET_PAGE_P95_MS = 100
TARGET_SUBMISSIONS_PER_S = 200


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Charge et pannes : PostgreSQL réel, gunicorn, worker, locust, SIGKILL."
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
    parser.add_argument("--hot", type=int, default=10, help="dispositifs visés par la charge")
    parser.add_argument("--workers", type=int, default=4, help="workers gunicorn")
    parser.add_argument("--threads", type=int, default=4, help="threads par worker")
    parser.add_argument("--no-faults", action="store_true", help="sans SIGKILL")
    parser.add_argument("--keep", action="store_true", help="garder le dossier de travail")
    args = parser.parse_args(argv)
    name = "quick" if args.quick else "full" if args.full else "medium"
    defaults = dict(zip(["processes", "contributions", "participants", "users", "duration"],
                        SIZES[name], strict=True))  # fmt: skip
    for key, value in defaults.items():
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


def locust(work: Path, env: dict, port: int, classes: list[str], users: int, seconds: int,
           name: str, until: threading.Event | None = None) -> dict:  # fmt: skip
    """Run locust headless in its own process, for `seconds` or until `until` is set;
    returns its per-request statistics."""
    prefix = work / name
    limit = seconds if until is None else seconds + 900
    command = [
        str(servers.VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless", "-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{limit}s",
        "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
        "--stop-timeout", "30", "--loglevel", "WARNING", *classes,
    ]  # fmt: skip
    run_env = dict(env, LOAD_ACKS=str(work / f"{name}-acks.jsonl"))
    with (work / f"{name}-locust.log").open("wb") as log:
        process = subprocess.Popen(
            command, env=run_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        if until is not None:
            until.wait(limit)
            # SIGTERM: locust stops its users (30 s to finish a retry), writes its figures.
            process.send_signal(signal.SIGTERM)
        process.wait()
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
    return rows


def _ms(value: str) -> float | None:
    return None if value in ("", "N/A") else float(value)


class Faults(threading.Thread):
    """SIGKILLs during the mixed phase, between windows of steady load: the web server,
    then the worker, then both at once. Sets `done` after the last window."""

    def __init__(self, web: servers.Group, worker: servers.Group, port: int, seconds: int):
        super().__init__(daemon=True)
        self.web, self.worker, self.port = web, worker, port
        self.window = max(5, seconds / 4)
        self.events: list[str] = []
        self.done = threading.Event()
        self.start_time = time.monotonic()

    def note(self, text: str) -> None:
        self.events.append(f"t+{time.monotonic() - self.start_time:5.1f} s  {text}")

    def restart_web(self) -> None:
        self.web.start()
        took = servers.wait_http(f"http://127.0.0.1:{self.port}/", timeout=600)
        self.note(f"gunicorn répond de nouveau ({took:.1f} s après le redémarrage)")

    def run(self) -> None:
        try:
            time.sleep(self.window)
            self.web.kill()
            self.note("SIGKILL gunicorn (maître et workers)")
            time.sleep(1)
            self.restart_web()
            time.sleep(self.window)
            self.worker.kill()
            self.note("SIGKILL db_worker")
            time.sleep(2)
            self.worker.start()
            self.note("db_worker redémarré")
            time.sleep(self.window)
            self.web.kill()
            self.worker.kill()
            self.note("SIGKILL gunicorn et db_worker ensemble")
            time.sleep(1)
            self.worker.start()
            self.restart_web()
            time.sleep(self.window)
            self.note("fin de la phase mixte")
        finally:
            self.done.set()


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
    pg = servers.Postgres()
    pg.start(durable=False)
    web = worker = None
    try:
        var = work / "var"
        var.mkdir()
        env = servers.app_env(pg.url, var, rate_limit=10**9)
        start = time.perf_counter()
        python("bench.load.seed", "--out", str(work / "plan.json"),
               "--processes", str(args.processes), "--contributions", str(args.contributions),
               "--participants", str(args.participants), "--hot", str(args.hot),
               env=env, log=work / "seed.log")  # fmt: skip
        seeding = time.perf_counter() - start
        plan = json.loads((work / "plan.json").read_text())
        pg.make_durable()
        sample = random.Random(3).sample(texts.bodies(), 3000)
        (work / "texts.json").write_text(json.dumps(sample))

        port = servers.free_port()
        web = servers.gunicorn(env, port, work / "gunicorn.log", args.workers, args.threads)
        worker = servers.worker(env, work / "worker.log")
        web.start()
        worker.start()
        boot = servers.wait_http(f"http://127.0.0.1:{port}/", timeout=300)
        load_env = dict(env, LOAD_PLAN=str(work / "plan.json"), LOAD_TEXTS=str(work / "texts.json"))
        # Warm-up: each gunicorn worker imports and renders its templates once.
        locust(work, load_env, port, ["Participant"], args.workers * 2, 10, "warmup")

        faults = None
        if not args.no_faults:
            faults = Faults(web, worker, port, args.duration)
            faults.start()
        mixed = locust(work, load_env, port, ["Participant", "Moderator"], args.users,
                       args.duration, "mixed", until=faults.done if faults else None)  # fmt: skip
        submit = locust(work, dict(load_env, LOAD_SESSION_OFFSET="10000"), port, ["Submitter"],
                        args.submit_users, args.submit_duration, "submit")  # fmt: skip
        python("bench.load.reconcile", str(work / "mixed-acks.jsonl"),
               str(work / "submit-acks.jsonl"), "--emails", str(var / "emails"),
               "--out", str(work / "reconcile.json"),
               "--notification-baseline", str(plan["notification_baseline"]),
               env=env, log=work / "reconcile.log")  # fmt: skip
        result = json.loads((work / "reconcile.json").read_text())
    finally:
        for group in (web, worker):
            if group is not None:
                group.stop()
        pg.stop()
    report(args, plan, seeding, boot, mixed, submit, faults, result)
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
    )
    return 0 if ok else 1


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def report(args, plan, seeding, boot, mixed, submit, faults, result) -> None:
    timings = plan["timings"]
    counts = plan["counts"]
    print()
    print("== Jeu de données (PostgreSQL, COPY)")
    print(f"  {counts['processes']} dispositifs, {counts['contributions']} contributions, "
          f"{counts['participants']} participants, {counts['supports']} soutiens")  # fmt: skip
    print(
        f"  amorçage : {seeding:.1f} s en tout — "
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
    )
    print(f"  gunicorn ({args.workers} workers gthread × {args.threads} threads) prêt en "
          f"{boot:.1f} s ; db_worker séparé")  # fmt: skip
    for title, rows in (
        (f"Phase mixte, {args.users} utilisateurs, {args.duration} s de charge"
         + (" entre trois pannes" if faults else ""), mixed),
        (f"Phase dépôt seul, {args.submit_users} utilisateurs sans pause, "
         f"{args.submit_duration} s", submit),
    ):  # fmt: skip
        print()
        print(f"== {title}")
        print(f"  {'requête':<28}{'nombre':>8}{'échecs':>8}{'req/s':>8}{'p50 ms':>8}"
              f"{'p95 ms':>8}{'p99 ms':>8}")  # fmt: skip
        for name, row in sorted(rows.items(), key=lambda item: item[0] == "Aggregated"):
            print(f"  {name:<28}{row['count']:>8}{row['failures']:>8}{row['rps']:>8.1f}"
                  f"{_fmt(row['p50'])}{_fmt(row['p95'])}{_fmt(row['p99'])}")  # fmt: skip
    if faults:
        print()
        print("== Pannes")
        for event in faults.events:
            print("  " + event)
    page = mixed.get("page du dispositif", {})
    deposits = submit.get("dépôt d'une proposition", {})
    print()
    print("== Objectifs (2 cœurs)")
    print(
        f"  page du dispositif p95 à {args.users} utilisateurs : {_fmt(page.get('p95'), 0)} ms "
        f"(objectif ≤ {TARGET_PAGE_P95_MS} ms) — mesuré pendant la phase avec pannes"
    )
    print(f"  dépôts de contributions : {deposits.get('rps', 0):.1f}/s "
          f"(objectif ≥ {TARGET_SUBMISSIONS_PER_S}/s)")  # fmt: skip
    print(f"  charge de la machine à la fin : {_uptime()}")
    c, v, t = result["contributions"], result["votes"], result["tasks"]
    print()
    print("== Réconciliation (base de données contre accusés de réception des clients)")
    print(f"  contributions acquittées : {c['acknowledged']} ({c['acknowledged_proposals']} "
          f"propositions, {c['acknowledged_answers']} questionnaires), stockées une fois : "
          f"{c['stored_once']}, perdues : {c['lost']}, en double : {c['duplicated']} "
          f"(renvoyées après une panne : {c['retried']} ; stockées sans accusé : "
          f"{c['stored_without_ack']})")  # fmt: skip
    print(f"  soutiens acquittés : {v['supports_acknowledged']}, perdus : {v['supports_lost']}, "
          f"en double : {v['supports_duplicated']} ; masquages acquittés : "
          f"{v['hidings_acknowledged']}, perdus : {v['hidings_lost']}, en double : "
          f"{v['hidings_duplicated']}")  # fmt: skip
    print(f"  tâches : enqueued {t['enqueued']}, completed once {t['completed_once']}, "
          f"notifications {t['notifications']}, sans tâche {t['notifications_without_task']}, "
          f"résultats en double {t['task_results_duplicated']}, en attente après vidage "
          f"{t['pending']}, échouées {t['failed']}, e-mails écrits {t['emails_written']} "
          f"(vidage {result['drain_s']:.1f} s ; {t['by_status']})")  # fmt: skip


def _fmt(value, width: int = 8) -> str:
    text = "—" if value is None else f"{value:.0f}"
    return f"{text:>{width}}"


if __name__ == "__main__":
    sys.exit(main())

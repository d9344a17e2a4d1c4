"""Bulk e-mail at State scale (issue 25): one newsletter edition to 500,000 subscribers and
one daily digest to 200,000 followers, through a real SMTP server on loopback, with the
worker stopped twice during each send: restarted (SIGTERM) once, killed (SIGKILL) once.

    uv run python bench/bench_mailing.py            # 500,000 + 200,000
    uv run python bench/bench_mailing.py --quick    # 50,000 + 20,000

1. Seeds a throwaway PostgreSQL (bench/load/servers.Postgres, fsync off while seeding,
   then restarted durable): N confirmed newsletter subscribers (COPY) and one published
   edition; M citizens (COPY) who follow one open process with daily digests, and three
   events of that process in the last day.
2. Starts the loopback SMTP server in its own process (bench/load/smtp_sink.py, aiosmtpd)
   and two task workers (`concerto db_worker`, --workers) sharing each campaign by lanes
   (MAILING_LANES=4, --lanes), each over its own SMTP connection, with short leases
   (TASK_LEASE_SECONDS=5, MAILING_LEASE_SECONDS=5) so a killed worker's send is taken
   over within seconds.
3. For each campaign: opens and starts it as the platform does, stops one worker's
   whole process group (the first, then the second; `--signal both`, the default: a
   restart by SIGTERM, then a crash by SIGKILL) when a third and two thirds of the
   deliveries are sent, starts a new worker each time, and waits for the campaign to
   finish. Prints the total time, the rate, the workers' peak memory (sum of the resident
   sizes of all their processes, sampled every 0.2 s), and, counted on the SMTP side, how
   many recipients got exactly one message, none, or more than one (and how many
   distinct Message-IDs arrived: a resend after a kill carries the same one).

Targets (issue 25): the newsletter in ≤ 30 min and ≤ 1 GB; every recipient exactly once.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from bench.benchenv import use_bench_database  # noqa: E402
from bench.load import servers  # noqa: E402

LEASE = "5"


def log(message: str) -> None:
    print(f"[mailing] {message}", flush=True)


def seed_newsletter(count: int) -> int:
    from django.utils import timezone

    from bench.load.seed import copy_lines
    from concerto.newsletter.archive import ensure_archive_page
    from concerto.newsletter.models import NewsletterEditionPage, Subscriber

    start = time.perf_counter()
    now = timezone.now().isoformat()
    audiences = ("agents", "referents", "public")
    fields = ["email", "audience", "consent_wording", "consented_at", "confirmed_at",
              "created_at"]  # fmt: skip
    copy_lines(
        Subscriber,
        (
            f"abonne{i}@lettre.exemple.fr\t{audiences[i % 3]}\tJ'accepte de recevoir la "
            f"lettre d'information du CIPC.\t{now}\t{now}\t{now}\n"
            for i in range(count)
        ),
        fields,
    )
    archive = ensure_archive_page()
    edition = NewsletterEditionPage(
        title="La lettre du CIPC — décembre 2026",
        slug="decembre-2026",
        body=[
            ("heading", "Ce qui change pour le devoir de suite"),
            ("paragraph", "<p>Chaque réponse publique est désormais datée et suivie.</p>"),
            ("button", {"label": "Lire le bilan", "url": "https://concerto.gouv.fr/suivi/"}),
        ],
        live=False,
    )
    archive.add_child(instance=edition)
    edition.save_revision().publish()
    log(f"{count:,} confirmed subscribers (COPY) and one edition in "
        f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    return edition.pk


def seed_followers(count: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from bench.load.seed import copy_lines, seed_participants
    from concerto.follows.models import Event, EventTarget, Follow, Preferences
    from concerto.notifications.actions import without_emails
    from concerto.processes.lifecycle import Status
    from tests.factories import MinistryFactory, complete_process, open_module, walk_to

    start = time.perf_counter()
    with without_emails():
        ministry = MinistryFactory(name="Ministère de la Transition écologique", slug="ecologie")
        process = complete_process(ministry=ministry, title="Grande consultation sur le climat")
        walk_to(process, Status.OPEN)
        open_module("proposals", process=process, title="Propositions")
    low, high = seed_participants(count)
    now = timezone.now().isoformat()
    copy_lines(
        Follow,
        (f"{user}\tprocess\t{process.pk}\t{now}\n" for user in range(low, high + 1)),
        ["user_id", "target_kind", "target_id", "created_at"],
    )
    daily = "\t".join(["daily"] * 5)
    copy_lines(
        Preferences,
        (f"{user}\tt\t{daily}\t{now}\n" for user in range(low, high + 1)),
        ["user_id", "auto_follow", "answer", "proposal", "module", "process", "late",
         "updated_at"],
    )  # fmt: skip
    earlier = timezone.now() - timedelta(hours=3)
    for number, summary in enumerate(
        ("Le dispositif est ouvert à la participation.",
         "Le module « Propositions » est ouvert.",
         "Le dispositif a publié le calendrier de ses réponses."),
    ):  # fmt: skip
        event = Event.objects.create(
            key=f"bench:{number}", kind="process", process=process, summary=summary,
            url=f"/dispositifs/{process.slug}/", created_at=earlier,
        )  # fmt: skip
        EventTarget.objects.create(event=event, target_kind="process", target_id=process.pk)
    log(f"{count:,} followers with daily digests (COPY) and 3 events in "
        f"{time.perf_counter() - start:.1f} s")  # fmt: skip


def group_rss_mb(pgid: int) -> float:
    total = 0
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # field 5 of stat: the process group
                continue
            for line in (status.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


def new_worker(env: dict, workdir: Path, number: int) -> servers.Group:
    worker = servers.Group(
        "db_worker",
        [sys.executable, "-m", "django", "db_worker", "--interval", "0.2",
         "--worker-id", f"bench-mailing-{number}", "--no-startup-delay"],
        env, workdir / "worker.log",
    )  # fmt: skip
    worker.start()
    return worker


def send(name: str, campaign, total: int, env: dict, workdir: Path, args) -> dict:
    from django.db.models import Count

    from concerto.mailing import outbox
    from concerto.mailing.models import Campaign, Delivery

    started = 0
    workers = []
    for _ in range(args.workers):
        workers.append(new_worker(env, workdir, started))
        started += 1
    start = time.perf_counter()
    outbox.start(campaign)  # autocommit: the task row is written now
    thresholds = [total * (k + 1) // (args.kills + 1) for k in range(args.kills)]
    peak, killed_at = 0.0, []
    while True:
        time.sleep(0.2)
        peak = max(peak, sum(group_rss_mb(worker.process.pid) for worker in workers))
        sent = Delivery.objects.filter(campaign=campaign, status="sent").count()
        if thresholds and sent >= thresholds[0]:
            thresholds.pop(0)
            victim = len(killed_at) % len(workers)  # each kill takes another worker
            restart = args.signal == "term" or (args.signal == "both" and not len(killed_at) % 2)
            asked = time.perf_counter()
            if restart:  # a deploy: SIGTERM, SIGKILL after 30 s if still there
                workers[victim].stop()
                how = (f"SIGTERMed (a restart), gone in {time.perf_counter() - asked:.1f} s"
                       + (", then SIGKILLed" if workers[victim].kills else ""))  # fmt: skip
            else:
                workers[victim].kill()
                how = "SIGKILLed (a crash)"
            killed_at.append(sent)
            log(f"{name}: worker {victim} {how} at {sent:,} sent "
                f"({time.perf_counter() - start:.0f} s)")  # fmt: skip
            workers[victim] = new_worker(env, workdir, started)
            started += 1
        if Campaign.objects.filter(pk=campaign.pk, finished_at__isnull=False).exists():
            break
    seconds = time.perf_counter() - start
    for worker in workers:
        worker.stop()
    counts = dict(
        Delivery.objects.filter(campaign=campaign)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {"seconds": seconds, "peak_mb": peak, "killed_at": killed_at, "statuses": counts}


def report(name: str, result: dict, received: dict, domain: str, expected: int) -> bool:
    mine = [n for address, n in received["by_recipient"].items() if address.endswith(domain)]
    once = sum(1 for n in mine if n == 1)
    more = sum(1 for n in mine if n > 1)
    missing = expected - len(mine)
    rate = expected / result["seconds"]
    log(f"{name}: {expected:,} recipients in {result['seconds']:.0f} s ({rate:.0f}/s), "
        f"worker peak {result['peak_mb']:.0f} MB, kills at {result['killed_at']}, "
        f"deliveries {result['statuses']}")  # fmt: skip
    log(f"{name}: SMTP side: exactly one message {once:,}, none {missing:,}, "
        f"more than one {more:,} (messages {sum(mine):,})")  # fmt: skip
    return once == expected


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="50,000 + 20,000")
    parser.add_argument("--subscribers", type=int, default=500_000)
    parser.add_argument("--followers", type=int, default=200_000)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument(
        "--signal", choices=["kill", "term", "both"], default="both",
        help="how each kill is made: SIGKILL (a crash), SIGTERM (a restart), or a "
        "restart first and a crash next",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=2, help="task workers sending at once")
    parser.add_argument("--lanes", type=int, default=4, help="MAILING_LANES")
    args = parser.parse_args()
    if args.quick:
        args.subscribers, args.followers = 50_000, 20_000

    os.environ["MAILING_LANES"] = str(args.lanes)  # read when the campaigns are opened
    workdir = Path(tempfile.mkdtemp(prefix="concerto-mailing."))
    postgres = servers.Postgres(shared_buffers="512MB")
    postgres.start(durable=False)
    sink = None
    try:
        use_bench_database(str(workdir), postgres.url)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        log(f"PostgreSQL {postgres.version()}, {os.cpu_count()} cores, "
            f"{args.workers} workers, {args.lanes} lanes")  # fmt: skip
        edition_id = seed_newsletter(args.subscribers)
        seed_followers(args.followers)
        # No clock: the scheduler's own digests and resumes would run in the middle of
        # the measured sends (migrate started it).
        from django_tasks_db.models import DBTaskResult

        from concerto.scheduler.models import Ticker

        DBTaskResult.objects.all().delete()
        Ticker.objects.all().delete()
        postgres.make_durable()
        from django.db import connections

        connections.close_all()

        port = servers.free_port()
        counts_file = workdir / "smtp-counts.json"
        sink = subprocess.Popen(
            [sys.executable, str(ROOT / "bench/load/smtp_sink.py"), str(port), str(counts_file)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert sink.stdout.readline().strip() == "ready"
        env = servers.app_env(postgres.url, workdir, rate_limit=1_000_000)
        env.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="0",
            TASK_LEASE_SECONDS=LEASE, MAILING_LEASE_SECONDS=LEASE,
            MAILING_LANES=str(args.lanes),
            PYTHONPATH=str(ROOT),
        )  # fmt: skip

        from concerto.follows import digest
        from concerto.mailing import outbox
        from concerto.newsletter.queries import KIND

        newsletter = outbox.open_campaign(
            f"newsletter:edition:{edition_id}", kind=KIND, source_id=edition_id
        )
        letter = send("newsletter", newsletter, args.subscribers, env, workdir, args)
        from django.utils import timezone

        daily = outbox.open_campaign(
            digest.campaign_key("daily", timezone.localdate()), kind=digest.KIND
        )
        digests = send("digest", daily, args.followers, env, workdir, args)

        sink.terminate()
        sink.wait(timeout=120)
        received = json.loads(counts_file.read_text())
        ok = report("newsletter", letter, received, "@lettre.exemple.fr", args.subscribers)
        ok &= report("digest", digests, received, "@charge.exemple.fr", args.followers)
        log(f"distinct Message-IDs received {received['distinct_message_ids']:,} "
            f"for {received['messages']:,} messages")  # fmt: skip
        target = letter["seconds"] <= 1800 and letter["peak_mb"] <= 1024
        log(f"newsletter target (≤ 30 min, ≤ 1 GB): {'met' if target else 'NOT met'}; "
            f"every recipient exactly once: {'yes' if ok else 'NO'}")  # fmt: skip
    finally:
        if sink is not None and sink.poll() is None:
            sink.kill()
        postgres.stop()


if __name__ == "__main__":
    main()

"""Seed a State-wide data set into an empty PostgreSQL database, fast.

    DATABASE_URL=postgres://… python -m bench.load.seed --out plan.json \
        --processes 10000 --contributions 1000000 --participants 200000

A few "hot" processes go through the real lifecycle (declaration, referral, CIPC
opinion, publication, opening) with a questionnaire and a proposals module each: the
load reads and writes those. The other processes copy a hot one's description in
bulk, each with a proposals module. Participants, contributions (real French texts),
supports and the load users' sessions go in with PostgreSQL COPY. Writes the plan the
load client needs (URLs, ids, session keys) as JSON.
"""

import argparse
import json
import os
import random
import secrets
import sys
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.utils import timezone  # noqa: E402
from psycopg.types.json import Jsonb  # noqa: E402

from bench.load import texts  # noqa: E402
from concerto.identity.signin import MODEL_BACKEND as SESSION_BACKEND  # noqa: E402

LOAD_PASSWORD = "Charge-de-test-2026!"


def log(message: str) -> None:
    print(f"[seed] {message}", flush=True)


def copy_rows(model, rows, fields: list[str]) -> int:
    """COPY `rows` (tuples in the order of `fields`, attnames) into the model's table."""
    meta = model._meta
    by_name = {f.attname: f for f in meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(by_name[name].column) for name in fields)
    json_positions = [
        i for i, name in enumerate(fields) if isinstance(by_name[name], models.JSONField)
    ]
    count = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                if json_positions:
                    row = list(row)
                    for i in json_positions:
                        row[i] = Jsonb(row[i])
                copy.write_row(row)
                count += 1
    return count


def escape(value: str) -> str:
    """A value in PostgreSQL's COPY text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        .replace("\r", "\\r")
    )  # fmt: skip


def copy_lines(model, lines, fields: list[str]) -> None:
    """COPY ready-made text-format lines: five times faster than adapting each value."""
    meta = model._meta
    by_name = {f.attname: f for f in meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(by_name[name].column) for name in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {meta.db_table} ({columns}) FROM STDIN") as copy:
            buffer = []
            for line in lines:
                buffer.append(line)
                if len(buffer) == 5000:
                    copy.write("".join(buffer))
                    buffer = []
            copy.write("".join(buffer))


def missing_required(model, fields: list[str]) -> list[str]:
    """Columns without a value nor a NULL: a guard so the COPY lists stay complete."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.null and f.attname not in fields
    ]


def hot_processes(count: int, today):
    """Processes walked through the real lifecycle, with their modules and questions."""
    from concerto.processes.lifecycle import Status
    from concerto.questionnaires.actions import add_question
    from tests.factories import MinistryFactory, complete_process, open_module, walk_to

    ministry = MinistryFactory(name="Ministère de la Transition écologique", slug="ecologie")
    hot = []
    titles = texts.titles()
    for index in range(count):
        process = complete_process(
            ministry=ministry, title=f"Concertation nationale n° {index + 1}"
        )
        walk_to(process, Status.OPEN)
        questionnaire, organiser = open_module(
            "questionnaire", process=process, title="Questionnaire", results_public=False
        )
        questions = [
            add_question(questionnaire, actor=organiser, kind="single", required=True,
                         text="Utilisez-vous le vélo au quotidien ?",
                         choices=["Oui", "Parfois", "Non"]),
            add_question(questionnaire, actor=organiser, kind="scale", required=True,
                         text="Votre satisfaction envers les aménagements actuels"),
            add_question(questionnaire, actor=organiser, kind="open",
                         text="Que proposez-vous ?"),
        ]  # fmt: skip
        proposals, _organiser = open_module("proposals", process=process, title="Vos propositions")
        hot.append(
            {
                "process": process,
                "organiser": organiser,
                "questionnaire": questionnaire,
                "questions": questions,
                "proposals": proposals,
                "title_hint": titles[index % len(titles)],
            }
        )
    return ministry, hot


def clone_processes(template, count: int, today) -> list[int]:
    """`count` processes copying the template's description, in assorted statuses."""
    from concerto.processes.lifecycle import Status
    from concerto.processes.models import Process

    skip = {"id", "slug", "title", "status", "created_at", "updated_at", "published_at"}
    values = {
        f.attname: getattr(template, f.attname)
        for f in Process._meta.concrete_fields
        if f.attname not in skip
    }
    statuses = [Status.OPEN] * 5 + [Status.CLOSED] * 2 + [Status.PUBLISHED, Status.DRAFT,
                                                          Status.FOLLOW_UP_PUBLISHED]  # fmt: skip
    rng = random.Random(7)
    titles = texts.titles()
    now = timezone.now()
    ids = []
    batch = []
    for index in range(count):
        status = rng.choice(statuses)
        batch.append(
            Process(
                **values,
                title=f"{titles[index % len(titles)][:150]} ({index + 1})",
                slug=f"dispositif-{index + 1}",
                status=status,
                published_at=None if status == Status.DRAFT else now,
            )
        )
        if len(batch) == 2000:
            ids += [p.pk for p in Process.objects.bulk_create(batch)]
            batch = []
    ids += [p.pk for p in Process.objects.bulk_create(batch)]
    return ids


def clone_modules(process_ids: list[int], today) -> list[int]:
    from concerto.participation.models import Module

    created = Module.objects.bulk_create(
        [
            Module(process_id=pk, kind="proposals", title="Vos propositions",
                   position=1, opens_on=today - timedelta(days=10),
                   closes_on=today + timedelta(days=30))
            for pk in process_ids
        ],
        batch_size=5000,
    )  # fmt: skip
    return [m.pk for m in created]


def seed_participants(count: int) -> tuple[int, int]:
    """COPY `count` citizens sharing one password hash (hashing 200,000 would take hours)."""
    from concerto.accounts.models import User

    password = make_password(LOAD_PASSWORD)
    now = timezone.now()
    first = ["Camille", "Dominique", "Claude", "Alix", "Sacha", "Lou", "Noa", "Eden"]
    last = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent"]
    # A confirmed address: the session gate (concerto/identity/gate.py) ends any other.
    fields = ["password", "is_superuser", "email", "first_name", "last_name", "is_active",
              "date_joined", "email_verified_at"]  # fmt: skip
    extra = [name for name in missing_required(User, fields)]
    defaults = {f.attname: f.get_default() for f in User._meta.concrete_fields}
    fields += extra
    rows = (
        (password, False, f"participant{i}@charge.exemple.fr", first[i % 8], last[i // 8 % 8],
         True, now, now, *[defaults[name] for name in extra])
        for i in range(count)
    )  # fmt: skip
    copy_rows(User, rows, fields)
    ids = User.objects.filter(email__endswith="@charge.exemple.fr").aggregate(
        low=models.Min("pk"), high=models.Max("pk")
    )
    return ids["low"], ids["high"]


def seed_contributions(hot, clone_modules_ids, total: int, users: tuple[int, int]) -> dict:
    """COPY `total` contributions: a tenth on the hot proposals modules (proposals), the
    rest spread over every other module (proposals, comments, free contributions)."""
    from concerto.participation.models import Contribution, ContributionKind

    rng = random.Random(11)
    bodies = texts.bodies()
    titles = texts.titles()
    now = timezone.now()
    low, high = users
    hot_modules = [h["proposals"].pk for h in hot]
    hot_total = total // 10 if clone_modules_ids else total
    kinds = [ContributionKind.PROPOSAL, ContributionKind.COMMENT, ContributionKind.CONTRIBUTION]
    fields = [
        "module_id",
        "kind",
        "channel",
        "author_id",
        "pseudonym",
        "title",
        "body",
        "location",
        "stance",
        "status",
        "hidden_reason",
        "created_at",
        "updated_at",
        # Empty, as the migration leaves every contribution stored without a key.
        "idempotency_scope",
    ]
    assert not missing_required(Contribution, fields), missing_required(Contribution, fields)

    escaped_bodies = [escape(body) for body in bodies]
    escaped_titles = [escape(title) for title in titles]
    moments = [
        (now - timedelta(seconds=rng.randrange(90 * 86400))).isoformat() for _ in range(9973)
    ]
    users_span = high - low + 1

    def lines():
        for i in range(total):
            if i < hot_total:
                module, kind = hot_modules[i % len(hot_modules)], ContributionKind.PROPOSAL
            else:
                module = clone_modules_ids[i % len(clone_modules_ids)]
                kind = kinds[i % 3]
            at = moments[i % 9973]
            title = escaped_titles[i % len(titles)] if kind == ContributionKind.PROPOSAL else ""
            author = low + (i * 7919) % users_span
            body = escaped_bodies[i % len(bodies)]
            yield (f"{module}\t{kind}\tonline\t{author}\t\t{title}\t"
                   f"{body}\t\t\tpublished\t\t{at}\t{at}\t\n")  # fmt: skip

    copy_lines(Contribution, lines(), fields)
    return {"hot_per_module": hot_total // max(1, len(hot_modules))}


def seed_supports(hot, count: int, users: tuple[int, int]) -> int:
    """COPY supports on the hot modules' proposals, one per (proposal, person)."""
    from concerto.participation.models import Contribution
    from concerto.proposals.models import Support

    proposal_ids = list(
        Contribution.objects.filter(module__in=[h["proposals"] for h in hot]).values_list(
            "pk", flat=True
        )
    )
    if not proposal_ids:
        return 0
    rng = random.Random(13)
    low, high = users
    seen = set()
    now = timezone.now()
    while len(seen) < count:
        seen.add((rng.choice(proposal_ids), rng.randint(low, high)))
    return copy_rows(
        Support, ((p, u, now) for p, u in seen), ["proposal_id", "user_id", "created_at"]
    )


def seed_sessions(user_ids: list[int], days: int = 2, staff: bool = False) -> list[str]:
    """Signed-in sessions for the load users, as the sign-in view would store them. Staff
    (the organisers) passed a second factor: a confirmed TOTP device each, verified in the
    session, and the sign-in time the staff session limits count from."""
    from django.contrib.sessions.models import Session
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from concerto.accounts.models import User
    from concerto.identity.signin import SIGNED_IN_AT_KEY

    hashes = {u.pk: u.get_session_auth_hash() for u in User.objects.filter(pk__in=set(user_ids))}
    devices = {}
    if staff:
        User.objects.filter(pk__in=user_ids).update(email_verified_at=timezone.now())
        for pk in set(user_ids):
            device = TOTPDevice.objects.create(user_id=pk, name="charge", confirmed=True)
            devices[pk] = device.persistent_id
    expire = timezone.now() + timedelta(days=days)
    store = SessionStore()
    keys, rows = [], []
    for pk in user_ids:
        key = secrets.token_hex(16)
        session = {"_auth_user_id": str(pk), "_auth_user_backend": SESSION_BACKEND,
                   "_auth_user_hash": hashes[pk]}  # fmt: skip
        if staff:
            session |= {DEVICE_ID_SESSION_KEY: devices[pk], SIGNED_IN_AT_KEY: time.time()}
        data = store.encode(session)
        keys.append(key)
        rows.append((key, data, expire))
    copy_rows(Session, rows, ["session_key", "session_data", "expire_date"])
    return keys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--processes", type=int, default=10_000)
    parser.add_argument("--contributions", type=int, default=1_000_000)
    parser.add_argument("--participants", type=int, default=200_000)
    parser.add_argument("--hot", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=20_000)
    args = parser.parse_args()
    timings = {}
    today = timezone.localdate()

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate"] = time.perf_counter() - start

    start = time.perf_counter()
    from django.test.utils import override_settings

    from concerto.notifications.actions import without_emails

    # The staff accounts sign in through seeded sessions only: a fast hash saves minutes.
    fast_hash = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with without_emails(), fast_hash:
        _ministry, hot = hot_processes(args.hot, today)
    timings["hot_processes"] = time.perf_counter() - start
    log(f"{args.hot} processus « chauds » en {timings['hot_processes']:.1f} s")

    start = time.perf_counter()
    clones = clone_processes(hot[0]["process"], max(0, args.processes - args.hot), today)
    modules = clone_modules(clones, today)
    timings["processes"] = time.perf_counter() - start
    log(f"{len(clones)} processus et modules en {timings['processes']:.1f} s")

    start = time.perf_counter()
    users = seed_participants(args.participants)
    timings["participants"] = time.perf_counter() - start
    log(f"{args.participants} participants en {timings['participants']:.1f} s")

    start = time.perf_counter()
    seed_contributions(hot, modules, args.contributions, users)
    timings["contributions"] = time.perf_counter() - start
    log(f"{args.contributions} contributions en {timings['contributions']:.1f} s")

    start = time.perf_counter()
    supports = seed_supports(hot, args.contributions // 5, users)
    timings["supports"] = time.perf_counter() - start
    log(f"{supports} soutiens en {timings['supports']:.1f} s")

    start = time.perf_counter()
    rng = random.Random(17)
    low, high = users
    load_users = rng.sample(range(low, high + 1), min(args.sessions, high - low + 1))
    participant_sessions = seed_sessions(load_users)
    organiser_sessions = seed_sessions([h["organiser"].pk for h in hot], staff=True)
    timings["sessions"] = time.perf_counter() - start

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE") if connection.get_autocommit() else cursor.execute(
            "ANALYZE"
        )
    timings["analyze"] = time.perf_counter() - start

    from concerto.participation.models import Contribution

    plan = {
        "hot": [],
        "participant_sessions": participant_sessions,
        "participant_ids": load_users,
        "timings": timings,
    }
    for entry, organiser_session in zip(hot, organiser_sessions, strict=True):
        proposals = entry["proposals"]
        ids = list(
            Contribution.objects.filter(module=proposals)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        plan["hot"].append(
            {
                "process_url": entry["process"].get_absolute_url(),
                "process_id": entry["process"].pk,
                "questionnaire_url": entry["questionnaire"].get_absolute_url(),
                "questions": [
                    {"field": q.field_name, "kind": q.kind, "choices": q.options}
                    for q in entry["questions"]
                ],
                "proposals_url": proposals.get_absolute_url(),
                "theme_ids": list(entry["process"].themes.values_list("pk", flat=True))
                or list(_all_theme_ids()),
                # Supported by the load; the moderator hides others (notifying their authors).
                "support_ids": ids[: len(ids) // 2][:2000],
                "moderation_ids": ids[len(ids) // 2 :][:2000],
                "organiser_session": organiser_session,
            }
        )
    from concerto.notifications.models import Notification

    # The reconciliation counts the notifications (and their e-mail tasks) made by the load.
    plan["notification_baseline"] = (
        Notification.objects.aggregate(last=models.Max("pk"))["last"] or 0
    )
    plan["counts"] = {
        "processes": args.processes,
        "contributions": Contribution.objects.count(),
        "participants": args.participants,
        "supports": supports,
    }
    Path(args.out).write_text(json.dumps(plan))
    log("plan écrit : " + args.out)


def _all_theme_ids():
    from concerto.processes.models import Theme

    return Theme.objects.values_list("pk", flat=True)


if __name__ == "__main__":
    main()

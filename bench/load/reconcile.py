"""What the clients saw acknowledged, against what the database holds.

    DATABASE_URL=… python -m bench.load.reconcile ACKS.jsonl [ACKS2.jsonl…] --emails DIR \
        --drain 120 --out result.json

First waits for the task worker to drain the queue, then checks:
- every acknowledged proposal and questionnaire answer is stored exactly once (by its
  idempotency key, and by the unique marker in its text: a second row with another key
  would show as a duplicate), and none is lost;
- every acknowledged support and hiding is stored once;
- every task enqueued (one e-mail per notification) has one result, completed, none
  left ready or running, and exactly one e-mail was written per notification.
"""

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings")
sys.path[:0] = [str(Path(__file__).resolve().parents[2])]

import django  # noqa: E402

django.setup()

from django_tasks_db.models import DBTaskResult  # noqa: E402

from concerto.notifications.models import Notification  # noqa: E402
from concerto.participation.models import Contribution, ModerationEvent  # noqa: E402
from concerto.proposals.models import Support  # noqa: E402
from concerto.questionnaires.models import Response  # noqa: E402

MARKER = re.compile(r"\[charge:[0-9a-f]{32}\]")
EMAIL_TASK = "concerto.notifications.tasks.email_notification"


def _outstanding():
    """Tasks due and not done: running, or ready to run now. A task the scheduler queued
    for later (a periodic job's next run) is not work left over from the load."""
    return DBTaskResult.objects.filter(status="RUNNING") | DBTaskResult.objects.ready()


def drain(timeout: float) -> float:
    """Seconds until no task is due or running (or the timeout)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if not _outstanding().exists():
            break
        time.sleep(0.5)
    return time.monotonic() - start


def contributions(acks: list[dict]) -> dict:
    """Proposals and questionnaire answers: once by key, once by marker."""
    stored = Counter()
    for body in Contribution.objects.filter(body__contains="[charge:").values_list(
        "body", flat=True
    ):
        stored.update(MARKER.findall(body))
    proposals = [a for a in acks if a["kind"] == "proposal"]
    answers = [a for a in acks if a["kind"] == "questionnaire"]
    by_key = Counter(
        str(key)
        for key in Contribution.objects.filter(
            idempotency_key__in=[a["key"] for a in proposals]
        ).values_list("idempotency_key", flat=True)
    )
    sent = set(
        str(key)
        for key in Response.objects.filter(
            idempotency_key__in=[a["key"] for a in answers], status=Response.Status.SUBMITTED
        ).values_list("idempotency_key", flat=True)
    )
    acked_markers = {a["marker"] for a in proposals + answers}
    lost = [a for a in proposals if by_key[a["key"]] == 0 or stored[a["marker"]] == 0] + [
        a for a in answers if a["key"] not in sent or stored[a["marker"]] == 0
    ]
    duplicated = [a for a in proposals + answers if stored[a["marker"]] > 1]
    once = len(proposals) + len(answers) - len(lost) - len(duplicated)
    return {
        "acknowledged": len(proposals) + len(answers),
        "acknowledged_proposals": len(proposals),
        "acknowledged_answers": len(answers),
        "stored_once": once,
        "lost": len(lost),
        "duplicated": len(duplicated),
        "retried": sum(1 for a in proposals + answers if a["attempts"] > 1),
        # Sent but never acknowledged (the client gave up): stored or not, both are fine.
        "stored_without_ack": sum(1 for m in stored if m not in acked_markers),
        "lost_examples": lost[:5],
        "duplicated_examples": duplicated[:5],
    }


def supports_and_hidings(acks: list[dict]) -> dict:
    supports = {(a["proposal"], a["user"]) for a in acks if a["kind"] == "support"}
    found = Counter(
        Support.objects.filter(
            proposal_id__in={p for p, _u in supports}, user_id__in={u for _p, u in supports}
        ).values_list("proposal_id", "user_id")
    )
    hidden = {a["contribution"] for a in acks if a["kind"] == "hide"}
    events = Counter(
        ModerationEvent.objects.filter(
            contribution_id__in=hidden, action=ModerationEvent.Action.HIDE
        ).values_list("contribution_id", flat=True)
    )
    return {
        "supports_acknowledged": len(supports),
        "supports_lost": sum(1 for pair in supports if found[pair] == 0),
        "supports_duplicated": sum(1 for pair in supports if found[pair] > 1),
        "hidings_acknowledged": len(hidden),
        "hidings_lost": sum(1 for c in hidden if events[c] == 0),
        "hidings_duplicated": sum(1 for c in hidden if events[c] > 1),
    }


def tasks(emails: Path, baseline: int) -> dict:
    results = list(DBTaskResult.objects.values("task_path", "status", "args_kwargs"))
    statuses = Counter(r["status"] for r in results)
    per_notification = Counter(
        (r["args_kwargs"]["args"] or [r["args_kwargs"]["kwargs"].get("notification_id")])[0]
        for r in results
        if r["task_path"] == EMAIL_TASK
    )
    notifications = set(Notification.objects.filter(pk__gt=baseline).values_list("pk", flat=True))
    files = [p for p in emails.glob("*.log")] if emails.exists() else []
    written = sum(p.read_text(errors="replace").count("\nSubject: ") for p in files)
    return {
        "enqueued": len(results),
        "by_status": dict(statuses),
        "completed_once": sum(1 for r in results if r["status"] == "SUCCESSFUL")
        - sum(count - 1 for count in per_notification.values() if count > 1),
        "notifications": len(notifications),
        "notifications_without_task": sum(1 for n in notifications if per_notification[n] == 0),
        "task_results_duplicated": sum(1 for n in per_notification if per_notification[n] > 1),
        "pending": _outstanding().count(),
        "scheduled_later": DBTaskResult.objects.filter(status="READY").count()
        - DBTaskResult.objects.ready().count(),
        "failed": statuses.get("FAILED", 0),
        "emails_written": written,
        "task_paths": dict(Counter(r["task_path"].rsplit(".", 1)[-1] for r in results)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("acks", nargs="+")
    parser.add_argument("--emails", required=True)
    parser.add_argument("--drain", type=float, default=120)
    parser.add_argument("--out", required=True)
    parser.add_argument("--notification-baseline", type=int, default=0)
    args = parser.parse_args()
    acks = []
    for path in args.acks:
        if Path(path).exists():
            acks += [json.loads(line) for line in Path(path).read_text().splitlines() if line]
    drained = drain(args.drain)
    result = {
        "drain_s": drained,
        "contributions": contributions(acks),
        "votes": supports_and_hidings(acks),
        "tasks": tasks(Path(args.emails), args.notification_baseline),
    }
    Path(args.out).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()

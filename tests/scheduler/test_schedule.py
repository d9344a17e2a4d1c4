"""The platform's own clock: periodic jobs handed to the task worker, no cron
(issue #21, findings 6 and 7)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concerto.opendata.models import Publication
from concerto.privacy.models import DeletionRecord
from concerto.privacy.retention import RULES
from concerto.scheduler.models import PeriodicRun, Ticker
from concerto.scheduler.schedule import SCHEDULE, TICK, ensure_ticking, run_due

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TICK_PATH = "concerto.scheduler.tasks.tick"


def test_the_schedule_promises_fresh_open_data_and_daily_retention():
    assert [(job.name, job.every) for job in SCHEDULE] == [
        ("privacy-retention", timedelta(days=1)),
        ("opendata-refresh", timedelta(minutes=5)),
        ("training-reminders", timedelta(hours=1)),
        ("representativeness-alerts", timedelta(hours=1)),
        ("mailing-resume", timedelta(minutes=1)),
        ("newsletter-editions", timedelta(minutes=1)),
        ("follows-daily-digest", timedelta(days=1)),
        ("follows-weekly-digest", timedelta(days=7)),
    ]
    for job in SCHEDULE:
        job.get_task()  # each names a real task


def test_due_jobs_start_once_per_period():
    now = timezone.now()
    every = [
        "privacy-retention", "opendata-refresh", "training-reminders",
        "representativeness-alerts", "mailing-resume", "newsletter-editions",
    ]  # fmt: skip
    minutely = ["mailing-resume", "newsletter-editions"]
    digests = ["follows-daily-digest", "follows-weekly-digest"]
    assert run_due(now) == every + digests
    assert run_due(now + timedelta(seconds=59)) == []
    assert run_due(now + timedelta(minutes=4)) == minutely
    assert run_due(now + timedelta(minutes=5)) == ["opendata-refresh", *minutely]
    assert run_due(now + timedelta(hours=1)) == [
        "opendata-refresh", "training-reminders", "representativeness-alerts", *minutely,
    ]  # fmt: skip
    assert run_due(now + timedelta(days=1)) == every + ["follows-daily-digest"]
    assert dict(PeriodicRun.objects.values_list("name", "last_enqueued_at")) == {
        "opendata-refresh": now + timedelta(days=1),
        "privacy-retention": now + timedelta(days=1),
        "training-reminders": now + timedelta(days=1),
        "representativeness-alerts": now + timedelta(days=1),
        "mailing-resume": now + timedelta(days=1),
        "newsletter-editions": now + timedelta(days=1),
        "follows-daily-digest": now + timedelta(days=1),
        "follows-weekly-digest": now,
    }
    # The jobs ran (the tests' backend runs tasks at once): retention recorded each rule.
    assert DeletionRecord.objects.count() == 2 * len(RULES)
    assert Publication.objects.count() == 1


def test_without_a_deferring_backend_there_is_no_clock_to_start():
    assert ensure_ticking() is None
    assert Ticker.objects.count() == 0


# The worker checks its connection between tasks (close_old_connections), which closes
# a PostgreSQL connection held inside a test's transaction: this one commits for real.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_keeps_one_tick_queued_and_runs_the_due_jobs():
    first = ensure_ticking()
    assert ensure_ticking() == first  # started twice (two migrations): one clock
    assert [(str(r.id), r.task_path, r.status) for r in DBTaskResult.objects.all()] == [
        (first, TICK_PATH, "READY")
    ]
    before = timezone.now()
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    ticks = DBTaskResult.objects.filter(task_path=TICK_PATH)
    assert ticks.get(pk=first).status == "SUCCESSFUL"
    successor = ticks.get(status="READY")
    assert str(successor.pk) == Ticker.objects.get().result_id != first
    assert before + TICK <= successor.run_after <= timezone.now() + TICK
    jobs = DBTaskResult.objects.exclude(task_path=TICK_PATH)
    assert sorted(jobs.values_list("task_path", "status")) == [
        ("concerto.follows.tasks.send_daily_digest", "SUCCESSFUL"),
        ("concerto.follows.tasks.send_weekly_digest", "SUCCESSFUL"),
        ("concerto.mailing.tasks.resume_campaigns", "SUCCESSFUL"),
        ("concerto.newsletter.tasks.send_due_editions_task", "SUCCESSFUL"),
        ("concerto.opendata.tasks.refresh_opendata", "SUCCESSFUL"),
        ("concerto.privacy.tasks.apply_retention_task", "SUCCESSFUL"),
        ("concerto.representativeness.tasks.check_representativeness_alerts", "SUCCESSFUL"),
        ("concerto.trainings.tasks.send_training_reminders", "SUCCESSFUL"),
    ]
    assert Publication.objects.count() == 1
    assert ensure_ticking() == str(successor.pk)
    # A tick lost with its worker (its row gone) is replaced at the next start.
    DBTaskResult.objects.all().delete()
    replacement = ensure_ticking()
    assert replacement not in (first, str(successor.pk))
    assert [(str(r.id), r.status) for r in DBTaskResult.objects.all()] == [(replacement, "READY")]


@override_settings(TASKS=DATABASE_TASKS)
def test_migrate_starts_the_clock_and_the_command_reports_it(capsys):
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # what migrate ends with
    tick = Ticker.objects.get().result_id
    assert str(DBTaskResult.objects.get().id) == tick
    call_command("schedule")
    out = capsys.readouterr().out
    assert f"Horloge active : prochain tic {tick}." in out
    assert "opendata-refresh (toutes les 0:05:00) : dernier lancement jamais" in out
    assert DBTaskResult.objects.count() == 1

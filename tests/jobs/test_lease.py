"""Issue 28: background work that cannot die. A task whose worker is killed is queued
again once the worker's lease has expired, and runs to its end once."""

import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concerto.jobs.lease import FORGET_AFTER, beat, requeue_orphans
from concerto.jobs.models import Job, WorkerHeartbeat
from concerto.jobs.progress import start_job
from tests.jobs.sample_tasks import count_to, wait_for_release
from tests.scaleout.servers import ROOT, app_environment, postgres_url

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LEASE = 2.0  # seconds, in the worker processes of the end-to-end test


def test_the_platform_worker_replaces_that_of_django_tasks_db():
    assert get_commands()["db_worker"] == "concerto.jobs"


def running_task(worker_id: str, started_ago: timedelta) -> DBTaskResult:
    result = count_to.enqueue(job_id="00000000-0000-0000-0000-000000000000", total=1)
    task = DBTaskResult.objects.get(pk=result.id)
    task.claim(worker_id)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - started_ago)
    return task


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS, TASK_LEASE_SECONDS=60)
def test_only_the_tasks_of_silent_workers_are_queued_again():
    beat("vivant")
    beat("muet")
    WorkerHeartbeat.objects.filter(worker_id="muet").update(
        last_beat_at=timezone.now() - timedelta(seconds=61)
    )
    beat("oublie")
    WorkerHeartbeat.objects.filter(worker_id="oublie").update(
        last_beat_at=timezone.now() - FORGET_AFTER - timedelta(seconds=1)
    )
    long_alive = running_task("vivant", timedelta(minutes=30))
    orphan = running_task("muet", timedelta(seconds=90))
    unknown = running_task("disparu", timedelta(seconds=90))
    # Its worker is silent, but the task itself started within the lease.
    recent = running_task("muet", timedelta(seconds=10))

    assert sorted(requeue_orphans()) == sorted([str(orphan.pk), str(unknown.pk)])

    tasks = {task.pk: task for task in DBTaskResult.objects.all()}
    assert [(tasks[t.pk].status, tasks[t.pk].started_at is None) for t in (orphan, unknown)] == [
        ("READY", True),
        ("READY", True),
    ]
    assert tasks[orphan.pk].worker_ids == ["muet"]  # who ran it stays on record
    assert [tasks[t.pk].status for t in (long_alive, recent)] == ["RUNNING", "RUNNING"]
    assert sorted(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == [
        "muet",
        "vivant",
    ]
    assert requeue_orphans() == []  # nothing twice


@contextmanager
def shared_database(var_dir: Path):
    """The environment of worker processes that use this test's database (committed data:
    `transaction=True`). On PostgreSQL, the test database itself; on SQLite, whose test
    database lives in memory, a file copy of it, copied back once the workers have exited."""
    env = app_environment(var_dir, TASK_LEASE_SECONDS=str(LEASE), PYTHONUNBUFFERED="1", DEBUG="")
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)  # the embedded database, under CONCERTO_VAR_DIR
        connection.ensure_connection()
        copy = sqlite3.connect(var_dir / "concerto.sqlite3")
        try:
            connection.connection.backup(copy)
            yield env
            copy.backup(connection.connection)
        finally:
            copy.close()
    else:
        env["DATABASE_URL"] = postgres_url(connection)
        yield env


def start_worker(env, worker_id: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "concerto.cli", "db_worker", "--worker-id", worker_id,
         "--no-reload", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Toujours pas après {timeout} s : {what}")
        time.sleep(0.05)


def lines(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text().splitlines()] if path.exists() else []


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_whose_worker_is_killed_runs_again_after_the_lease_and_ends_once(tmp_path):
    folder, var = tmp_path / "task", tmp_path / "var"
    folder.mkdir()
    var.mkdir()
    job = start_job(wait_for_release, owner=None, label="Attente", folder=str(folder))
    # Two workers start together (one start-up to wait for, not two): the one that takes
    # the task is killed, and the task comes back to the other through its periodic
    # requeue, once the lease has expired.
    workers = {}
    try:
        with shared_database(var) as env:
            for worker_id in ("un", "deux"):
                workers[worker_id] = start_worker(env, worker_id, tmp_path / f"{worker_id}.log")
            wait_for(lambda: lines(folder / "starts"), "la tâche démarre")
            [(pid, _at)] = lines(folder / "starts")
            killed_id = next(name for name, worker in workers.items() if worker.pid == int(pid))
            other_id = "deux" if killed_id == "un" else "un"
            killed, other = workers[killed_id], workers[other_id]
            wait_for(
                lambda: "Starting worker" in (tmp_path / f"{other_id}.log").read_text(),
                "l'autre processus démarre",
            )
            killed.send_signal(signal.SIGKILL)
            killed.wait()
            killed_at = time.time()
            (folder / "release").touch()
            wait_for(lambda: lines(folder / "ends"), "la tâche se termine", timeout=30)
            # Stopped cleanly: it records the task's success before it exits.
            other.send_signal(signal.SIGTERM)
            assert other.wait(timeout=30) == 0
    finally:
        for worker in workers.values():
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    starts = lines(folder / "starts")
    assert [int(pid) for pid, _at in starts] == [killed.pid, other.pid]
    # Run again only once the killed worker's last beat (at most a quarter lease before
    # it was killed) was a lease old.
    assert float(starts[1][1]) >= killed_at + LEASE * 3 / 4
    assert lines(folder / "ends") == [[str(other.pid)]]
    task = DBTaskResult.objects.get()
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", [killed_id, other_id])
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.result_url) == (
        Job.Status.SUCCEEDED, 1, 1, "/resultat/",
    )  # fmt: skip
    # The killed worker's last beat stays on record; the one stopped cleanly left none.
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == [killed_id]

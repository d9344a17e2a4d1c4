"""Task leases: a task whose worker died is queued again.

django_tasks_db's worker marks a task RUNNING when it claims it, and nothing changes that
if the worker process is then killed (SIGKILL, out of memory, a lost machine): the task
would stay "running" forever, and its job "En cours". So each worker (`concerto
db_worker`, concerto/jobs/management/commands/db_worker.py) beats: a thread of its own,
with its own database connection, writes its WorkerHeartbeat row every few seconds,
whatever task the worker is busy with. A RUNNING task whose last worker has not beaten
for TASK_LEASE_SECONDS is put back to READY, and the next free worker runs it again. The
project's tasks are idempotent, so a task run again leaves its effect once.

The lease must exceed the longest time a heartbeat can be held back (on SQLite, the
longest write transaction of a task: the beat waits for the write lock) and the clock
difference between the machines that run workers (each compares its own time with the
beats of the others).
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from concerto.jobs.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
# Rows of workers silent for this long are deleted: the dashboard shows recent ones only.
FORGET_AFTER = timedelta(days=1)


def lease() -> timedelta:
    return timedelta(seconds=settings.TASK_LEASE_SECONDS)


def beat(worker_id: str, *, started_at: datetime | None = None) -> None:
    """Record that `worker_id` is alive now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_beat_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()},
        create_defaults={
            "last_beat_at": now, "started_at": started_at or now,
            "hostname": socket.gethostname()[:255], "pid": os.getpid(),
        },
    )  # fmt: skip


def requeue_orphans(now: datetime | None = None) -> list[str]:
    """Put back to READY every RUNNING task whose worker has not beaten within the lease;
    returns their ids.

    A task is an orphan when it started before the lease and its last worker (the one
    that claimed it last) has no heartbeat since then. A worker beats before it claims
    anything, so a task claimed by a worker with no row at all is an orphan too.
    """
    now = now or timezone.now()
    cutoff = now - lease()
    alive = set(
        WorkerHeartbeat.objects.filter(last_beat_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    requeued = []
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    for task_id, started_at, worker_ids in running.values_list("id", "started_at", "worker_ids"):
        if worker_ids and worker_ids[-1] in alive:
            continue
        # Conditional on what was read: of two workers requeueing at once, one does it.
        if DBTaskResult.objects.filter(
            pk=task_id, status=TaskResultStatus.RUNNING, started_at=started_at
        ).update(status=TaskResultStatus.READY, started_at=None):
            requeued.append(str(task_id))
            logger.warning(
                "Tâche %s remise en file d'attente : son processus (%s) ne donne plus signe "
                "de vie depuis plus de %s.",
                task_id, worker_ids[-1] if worker_ids else "inconnu", lease(),
            )  # fmt: skip
    WorkerHeartbeat.objects.filter(last_beat_at__lt=now - FORGET_AFTER).delete()
    return requeued


class Heartbeat:
    """Beats for `worker_id` from a daemon thread, and requeues orphaned tasks every half
    lease, until stop(). start() beats and requeues once first, in the calling thread."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.started_at = timezone.now()
        seconds = settings.TASK_LEASE_SECONDS
        # Several beats per lease, so one held back by a busy database does not lose it.
        self.interval = min(5.0, seconds / 4)
        self.requeue_every = seconds / 2
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> None:
        beat(self.worker_id, started_at=self.started_at)
        requeue_orphans()
        self._thread.start()

    def stop(self) -> None:
        """Stop beating and forget this worker (it stopped cleanly: nothing to requeue)."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def _run(self) -> None:
        since_requeue = 0.0
        try:
            while not self._stopped.wait(self.interval):
                since_requeue += self.interval
                try:
                    beat(self.worker_id, started_at=self.started_at)
                    if since_requeue >= self.requeue_every:
                        since_requeue = 0.0
                        requeue_orphans()
                except DatabaseError:
                    # A locked or lost database: the next beat tries again, and the worker
                    # itself goes on with its task.
                    logger.warning("Signe de vie du processus %s non enregistré.", self.worker_id)
        finally:
            connection.close()  # this thread's own connection

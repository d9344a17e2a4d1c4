"""Background tasks that report progress to the person who started them.

    @job_task
    def export_registry(progress: Progress, *, ministry_id: int) -> str:
        for done, row in enumerate(rows, 1):
            progress.update(done, total, "…")
        return result_url

    job = start_job(export_registry, owner=user, label="…", ministry_id=3)

The page at `job.get_absolute_url()` shows the progress while the worker runs.

A job may work on an uploaded file: `start_job(..., upload=(name, data))` keeps it in
the database until the job ends, and the task reads it with `progress.input()`. A
task that refuses its input raises `JobRefused(message, report)`: the job ends
"refused" with that message and report (e.g. every wrong line of an import file).
"""

import functools
import logging
import time
from collections.abc import Callable

from django.utils.translation import gettext as _
from django_tasks import task

from concerto.jobs.models import Job, JobInput

logger = logging.getLogger(__name__)
MAX_REPORT_LINES = 1_000
# Progress written at most this often (seconds): each write is a short transaction.
TICK_INTERVAL = 0.5


class JobRefused(Exception):
    """The task refused its input; nothing changed. `report` lists why, line by line."""

    def __init__(self, message: str, report: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.report = report or []


def _bounded(report: list[str]) -> list[str]:
    if len(report) <= MAX_REPORT_LINES:
        return list(report)
    more = len(report) - MAX_REPORT_LINES
    return report[:MAX_REPORT_LINES] + [_("… et %(count)d autres.") % {"count": more}]


class Progress:
    """Writes a job's progress with single-row updates, safe from a worker."""

    def __init__(self, job_id: str):
        self.job_id = job_id
        self._last_write = 0.0

    def _set(self, **fields) -> None:
        # save() would also bump updated_at; update() needs it explicitly.
        from django.utils import timezone

        Job.objects.filter(pk=self.job_id).update(updated_at=timezone.now(), **fields)

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        fields: dict = {"done": done, "message": message[:255]}
        if total is not None:
            fields["total"] = total
        self._set(**fields)
        self._last_write = time.monotonic()

    def tick(self, done: int, total: int | None = None, message: str = "") -> None:
        """Like update(), but written at most every TICK_INTERVAL seconds: for loops."""
        if time.monotonic() - self._last_write >= TICK_INTERVAL:
            self.update(done, total, message)

    def input(self) -> tuple[str, bytes]:
        """(name, content) of the file the job was started with."""
        upload = JobInput.objects.get(job_id=self.job_id)
        return upload.name, bytes(upload.data)


def job_task(function: Callable[..., str | None]):
    """Turn `function(progress, **kwargs) -> result_url` into a task run for a Job."""

    @task()
    @functools.wraps(function)
    def run(job_id: str, **kwargs) -> None:
        progress = Progress(job_id)
        progress._set(status=Job.Status.RUNNING)
        try:
            result_url = function(progress, **kwargs)
        except JobRefused as refused:
            progress._set(
                status=Job.Status.REFUSED, message=refused.message[:255],
                report=_bounded(refused.report),
            )  # fmt: skip
            return
        except Exception:
            logger.exception("Job %s failed", job_id)
            progress._set(
                status=Job.Status.FAILED,
                message=_("La tâche a échoué. L'équipe technique en a été informée."),
            )
            raise
        finally:
            # An uploaded file is kept no longer than the job needs it.
            JobInput.objects.filter(job_id=job_id).delete()
        progress._set(status=Job.Status.SUCCEEDED, result_url=result_url or "")

    return run


def start_job(
    job_task_, *, owner, label: str, upload: tuple[str, bytes] | None = None, **kwargs
) -> Job:
    """Record a job and queue its task; the task only runs once the job row is committed.
    `upload` is the (name, content) of a file the task reads with `progress.input()`."""
    job = Job.objects.create(owner=owner, label=label[:255])
    if upload is not None:
        JobInput.objects.create(job=job, name=upload[0][:255], data=upload[1])
    job_task_.enqueue(job_id=str(job.id), **kwargs)
    job.refresh_from_db()
    return job

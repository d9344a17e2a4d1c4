"""Background tasks that report progress to the person who started them.

    @job_task
    def export_registry(progress: Progress, *, ministry_id: int) -> str:
        for done, row in enumerate(rows, 1):
            progress.update(done, total, "…")
        return result_url

    job = start_job(export_registry, owner=user, label="…", ministry_id=3)

The page at `job.get_absolute_url()` shows the progress while the worker runs.
"""

import functools
import logging
from collections.abc import Callable

from django.utils.translation import gettext as _
from django_tasks import task

from concerto.jobs.models import Job

logger = logging.getLogger(__name__)


class Progress:
    """Writes a job's progress with single-row updates, safe from a worker."""

    def __init__(self, job_id: str):
        self.job_id = job_id

    def _set(self, **fields) -> None:
        # save() would also bump updated_at; update() needs it explicitly.
        from django.utils import timezone

        Job.objects.filter(pk=self.job_id).update(updated_at=timezone.now(), **fields)

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        fields: dict = {"done": done, "message": message[:255]}
        if total is not None:
            fields["total"] = total
        self._set(**fields)


def job_task(function: Callable[..., str | None]):
    """Turn `function(progress, **kwargs) -> result_url` into a task run for a Job."""

    @task()
    @functools.wraps(function)
    def run(job_id: str, **kwargs) -> None:
        progress = Progress(job_id)
        progress._set(status=Job.Status.RUNNING)
        try:
            result_url = function(progress, **kwargs)
        except Exception:
            logger.exception("Job %s failed", job_id)
            progress._set(
                status=Job.Status.FAILED,
                message=_("La tâche a échoué. L'équipe technique en a été informée."),
            )
            raise
        progress._set(status=Job.Status.SUCCEEDED, result_url=result_url or "")

    return run


def start_job(job_task_, *, owner, label: str, **kwargs) -> Job:
    """Record a job and queue its task; the task only runs once the job row is committed."""
    job = Job.objects.create(owner=owner, label=label)
    job_task_.enqueue(job_id=str(job.id), **kwargs)
    job.refresh_from_db()
    return job

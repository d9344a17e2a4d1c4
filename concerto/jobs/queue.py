"""The state of the task queue, as the administrators' dashboard and the stall alert
read it: tasks waiting, running and failed lately, the oldest wait, the live workers."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, Count, F, Min, Q, When
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from concerto.jobs.lease import lease
from concerto.jobs.models import WorkerHeartbeat

FAILED_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class QueueState:
    waiting: int
    running: int
    failed: int
    oldest_waiting: datetime | None  # since when the oldest due task waits


def queue_state(now: datetime | None = None) -> QueueState:
    now = now or timezone.now()
    # Due now: queued without a date (the maximal one), or whose date has come.
    due = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max()) | Q(run_after__lte=now))
    row = DBTaskResult.objects.aggregate(
        waiting=Count("pk", filter=due),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count(
            "pk",
            filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - FAILED_WITHIN),
        ),
        # A task waits from when it was queued, or from its date when it was deferred.
        oldest=Min(
            Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")),
            filter=due,
        ),
    )
    return QueueState(row["waiting"], row["running"], row["failed"], row["oldest"])


def workers(now: datetime | None = None) -> list[dict]:
    """Each worker that beat lately, with whether it is alive (beat within the lease)."""
    alive_since = (now or timezone.now()) - lease()
    return [
        {"heartbeat": heartbeat, "alive": heartbeat.last_beat_at >= alive_since}
        for heartbeat in WorkerHeartbeat.objects.all()
    ]

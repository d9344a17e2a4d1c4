"""What the task machinery shows on the administrators' dashboard: whether the workers
are alive, how many tasks wait, run and failed."""

from datetime import timedelta

from django.db.models import Case, Count, F, Min, Q, When
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from concerto.accounts.roles import Role
from concerto.jobs.lease import lease
from concerto.jobs.models import WorkerHeartbeat

FAILED_WITHIN = timedelta(days=1)


def worker_health_panel(user) -> dict:
    now = timezone.now()
    # Due now: queued without a date (the maximal one), or whose date has come.
    due = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max()) | Q(run_after__lte=now))
    queue = DBTaskResult.objects.aggregate(
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
    alive_since = now - lease()
    workers = [
        {"heartbeat": heartbeat, "alive": heartbeat.last_beat_at >= alive_since}
        for heartbeat in WorkerHeartbeat.objects.all()
    ]
    return {
        "template": "jobs/dashboard/workers.html",
        "workers": workers,
        "any_alive": any(worker["alive"] for worker in workers),
        "waiting": queue["waiting"],
        "running": queue["running"],
        "failed": queue["failed"],
        "oldest_waiting": queue["oldest"],
    }


PANELS = {Role.ADMINISTRATOR: worker_health_panel}

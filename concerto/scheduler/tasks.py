from django_tasks import task

from concerto.scheduler.schedule import TICK, ensure_ticking, run_due


@task(takes_context=True)
def tick(context) -> list[str]:
    """Queue the next tick first (a failing job does not stop the clock), then start
    the due jobs."""
    ensure_ticking(current=str(context.task_result.id), delay=TICK)
    return run_due()

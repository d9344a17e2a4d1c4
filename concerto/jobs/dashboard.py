"""What the task machinery shows on the administrators' dashboard: whether the workers
are alive, how many tasks wait, run and failed."""

from concerto.accounts.roles import Role
from concerto.jobs.queue import queue_state, workers


def worker_health_panel(user) -> dict:
    queue = queue_state()
    beats = workers()
    return {
        "template": "jobs/dashboard/workers.html",
        "workers": beats,
        "any_alive": any(worker["alive"] for worker in beats),
        "waiting": queue.waiting,
        "running": queue.running,
        "failed": queue.failed,
        "oldest_waiting": queue.oldest_waiting,
    }


PANELS = {Role.ADMINISTRATOR: worker_health_panel}

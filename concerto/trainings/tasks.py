"""Background work of the trainings: the daily reminder run."""

from django_tasks import task

from concerto.trainings.actions import send_reminders


@task()
def send_training_reminders() -> int:
    """Started every hour by the platform's schedule (concerto.scheduler)."""
    return send_reminders()

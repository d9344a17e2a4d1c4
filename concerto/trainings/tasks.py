"""Background work of the trainings: the daily reminder run."""

from django_tasks import task

from concerto.trainings.actions import send_reminders


@task()
def send_training_reminders() -> int:
    """Enqueue once a day (cron or a scheduler calling `send_training_reminders`)."""
    return send_reminders()

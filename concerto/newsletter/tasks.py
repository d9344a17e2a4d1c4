from django_tasks import task

from concerto.newsletter.actions import send_due_editions


@task()
def send_due_editions_task() -> list[str]:
    """Start the campaign of every published edition whose send date has come."""
    return send_due_editions()

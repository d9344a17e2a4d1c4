"""The open-data files, written by the task worker on the platform's own schedule
(concerto.scheduler): no cron needed."""

from django_tasks import task

from concerto.opendata.freshness import refresh
from concerto.opendata.publish import publish


@task()
def publish_opendata() -> str:
    return publish().folder


@task()
def refresh_opendata() -> str:
    """Every few minutes: republish only when something public has to go, or daily."""
    publication = refresh()
    return publication.folder if publication else ""

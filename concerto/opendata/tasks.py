"""Scheduled regeneration of the open-data files (`concerto opendata publish` from cron,
or this task queued for the database worker)."""

from django_tasks import task

from concerto.opendata.publish import publish


@task()
def publish_opendata() -> str:
    return publish().folder

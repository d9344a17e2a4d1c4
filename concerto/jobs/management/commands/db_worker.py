import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from concerto.jobs.lease import Heartbeat


class Command(db_worker.Command):
    """django_tasks_db's worker, with a heartbeat and task leases (concerto/jobs/lease.py):
    the tasks of a worker that died are run again by another, or by this one restarted.

    It replaces django_tasks_db's own `db_worker` because concerto.jobs comes before
    django_tasks_db in INSTALLED_APPS.
    """

    help = (
        "Run the background task worker. It records a heartbeat every few seconds and "
        "queues again the tasks of a worker silent for TASK_LEASE_SECONDS."
    )

    def handle(self, *args, **options):
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
                # The reloader's parent only watches files: its child runs the tasks.
                return super().handle(*args, **options)
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()

from django.core.management.base import BaseCommand
from django.utils import timezone

from concerto.scheduler.models import PeriodicRun
from concerto.scheduler.schedule import SCHEDULE, ensure_ticking, run_due


class Command(BaseCommand):
    help = (
        "Periodic jobs run by the task worker (`concerto db_worker`), no cron needed: "
        "`concerto schedule` lists them, their last start, and (re)starts the clock if "
        "needed; `concerto schedule run` starts the due ones now (for a backend that "
        "cannot defer tasks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["status", "run"], default="status")

    def handle(self, *args, **options):
        if options["action"] == "run":
            for name in run_due():
                self.stdout.write(f"lancée : {name}")
            return
        runs = {run.name: run.last_enqueued_at for run in PeriodicRun.objects.all()}
        for job in SCHEDULE:
            last = runs.get(job.name)
            when = timezone.localtime(last).isoformat(timespec="seconds") if last else "jamais"
            self.stdout.write(f"{job.name} (toutes les {job.every}) : dernier lancement {when}")
        tick = ensure_ticking()
        if tick is None:
            self.stdout.write("Horloge inactive : ce gestionnaire de tâches ne sait pas différer.")
        else:
            self.stdout.write(f"Horloge active : prochain tic {tick}.")

"""The platform's own clock: periodic jobs handed to the task worker, with no cron.

A `tick` task re-enqueues itself every TICK (with `run_after`) on the database worker
(`concerto db_worker`), and each tick hands the jobs of SCHEDULE that are due to the
worker. The chain is started by `migrate` (post_migrate) and by `concerto schedule`;
one live tick at a time (the Ticker row), so starting it again never doubles it, and a
tick lost with a killed worker is replaced at the next start. Backends that cannot defer
a task (the immediate backend of the tests) have no chain: `concerto schedule run` then
runs the due jobs once, for a cron if one is wanted.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from concerto.scheduler.models import PeriodicRun, Ticker

TICK = timedelta(minutes=1)
# A tick still "running" after this long died with its worker.
STALE_TICK = timedelta(minutes=10)
TICK_TASK = "concerto.scheduler.tasks.tick"


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str  # dotted path of a task that takes no argument
    every: timedelta
    description: str | Promise

    def get_task(self):
        return import_string(self.task)


# In this order within a tick: what retention erases leaves the open data at once.
SCHEDULE: tuple[Periodic, ...] = (
    Periodic(
        "privacy-retention",
        "concerto.privacy.tasks.apply_retention_task",
        timedelta(days=1),
        _("Durées de conservation du registre des données personnelles, chaque jour."),
    ),
    Periodic(
        "opendata-refresh",
        "concerto.opendata.tasks.refresh_opendata",
        timedelta(minutes=5),
        _(
            "Données ouvertes : republiées dans les cinq minutes quand une contribution "
            "publiée est masquée, retirée, effacée ou supprimée, et au moins une fois par "
            "jour."
        ),
    ),
    Periodic(
        "training-reminders",
        "concerto.trainings.tasks.send_training_reminders",
        timedelta(hours=1),
        _("Rappels des sessions de formation, chaque heure."),
    ),
    Periodic(
        "representativeness-alerts",
        "concerto.representativeness.tasks.check_representativeness_alerts",
        timedelta(hours=1),
        _(
            "Représentativité : alerte par courriel les organisateurs des groupes passés "
            "sous leur seuil, chaque heure."
        ),
    ),
    Periodic(
        "mailing-resume",
        "concerto.mailing.tasks.resume_campaigns",
        timedelta(minutes=1),
        _(
            "Envois groupés : démarre ceux dont l'heure est venue et reprend ceux dont "
            "l'envoi s'est interrompu, chaque minute."
        ),
    ),
    Periodic(
        "newsletter-editions",
        "concerto.newsletter.tasks.send_due_editions_task",
        timedelta(minutes=1),
        _(
            "Lettre d'information : envoi des éditions publiées dont la date d'envoi est "
            "venue, chaque minute."
        ),
    ),
    # The daily digest before the weekly one: the weekly digest of a Monday then holds
    # the modules that opened and the commitments gone late that day.
    Periodic(
        "follows-daily-digest",
        "concerto.follows.tasks.send_daily_digest",
        timedelta(days=1),
        _(
            "Résumés quotidiens des abonnements (et les ouvertures de modules et retards du "
            "jour), chaque jour."
        ),
    ),
    Periodic(
        "follows-weekly-digest",
        "concerto.follows.tasks.send_weekly_digest",
        timedelta(days=7),
        _("Résumés hebdomadaires des abonnements, chaque semaine."),
    ),
)


def run_due(now: datetime | None = None) -> list[str]:
    """Hand every due job of SCHEDULE to the worker; returns their names.

    A job is due when it was never started, or was last started `every` ago or more.
    The row lock makes two ticks at once start a job once.
    """
    now = now or timezone.now()
    started = []
    for job in SCHEDULE:
        with transaction.atomic():
            run, _created = PeriodicRun.objects.select_for_update().get_or_create(name=job.name)
            if run.last_enqueued_at is not None and now < run.last_enqueued_at + job.every:
                continue
            result = job.get_task().enqueue()
            run.last_enqueued_at = now
            run.last_result_id = str(result.id)
            run.save(update_fields=["last_enqueued_at", "last_result_id"])
        started.append(job.name)
    return started


def _alive(result_id: str, now: datetime) -> bool:
    """Whether the tick `result_id` is still queued, or running and not given up for dead."""
    if not result_id:
        return False
    try:
        result = import_string(TICK_TASK).get_result(result_id)
    except TaskResultDoesNotExist:
        return False
    if result.status == TaskResultStatus.READY:
        return True
    started = result.started_at or result.enqueued_at
    return result.status == TaskResultStatus.RUNNING and started > now - STALE_TICK


def ensure_ticking(
    now: datetime | None = None, *, current: str = "", delay: timedelta = timedelta(0)
) -> str | None:
    """Queue the next tick `delay` from now unless another live tick is queued.

    `current` is the id of the tick calling (it hands over to its successor). Returns the
    id of the live tick, or None where the backend cannot defer tasks.
    """
    tick = import_string(TICK_TASK)
    if not tick.get_backend().supports_defer:
        return None
    now = now or timezone.now()
    with transaction.atomic():
        ticker, _created = Ticker.objects.select_for_update().get_or_create(pk=1)
        if ticker.result_id != current and _alive(ticker.result_id, now):
            return ticker.result_id
        run_after = now + delay
        result = tick.using(run_after=run_after).enqueue()
        ticker.result_id = str(result.id)
        ticker.run_after = run_after
        ticker.save()
    return ticker.result_id

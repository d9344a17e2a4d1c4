from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SchedulerConfig(AppConfig):
    name = "concerto.scheduler"
    verbose_name = _("Tâches périodiques")

    def ready(self) -> None:
        # Every deployment migrates: that is where the tick chain is (re)started, so a
        # fresh database or a lost tick needs no step of its own.
        post_migrate.connect(_start_ticking, sender=self)


def _start_ticking(sender, using: str = "default", **kwargs) -> None:
    from django.db import DatabaseError

    # apps.py loads before the models; this handler runs after ready()
    from concerto.scheduler.schedule import ensure_ticking

    if using != "default":
        return
    try:
        ensure_ticking()
    except DatabaseError:
        # A partial migrate (the task tables not there yet): the next one starts it.
        pass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """When a periodic job of the schedule was last handed to the worker."""

    name = models.CharField(_("tâche"), max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(_("dernier lancement"), null=True, blank=True)
    last_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("tâche périodique")
        verbose_name_plural = _("tâches périodiques")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Ticker(models.Model):
    """The one queued tick of the scheduler (a single row): its task result, so that a
    second chain is never started next to a live one."""

    result_id = models.CharField(max_length=64, blank=True)
    run_after = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("horloge des tâches périodiques")

    def __str__(self) -> str:
        return self.result_id

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """A background task as its requester sees it: a label, a status and progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        SUCCEEDED = "succeeded", _("Terminée")
        FAILED = "failed", _("Échouée")
        # The task ran but refused its input (an import file with errors): nothing changed.
        REFUSED = "refused", _("Refusée")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    label = models.CharField(_("libellé"), max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=255, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    # What the requester reads once it is finished: e.g. every error of a refused file.
    report = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tâche")
        verbose_name_plural = _("tâches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED, self.Status.REFUSED}

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    def get_abilities(self, user) -> dict[str, bool]:
        view = bool(user.is_authenticated and (user.is_superuser or user.pk == self.owner_id))
        return {"view": view}

    def as_dict(self) -> dict:
        return {
            "id": str(self.id),
            "label": self.label,
            "status": self.status,
            "status_label": self.get_status_display(),
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "message": self.message,
            "finished": self.finished,
            "result_url": self.result_url,
            "report": self.report,
        }


class JobInput(models.Model):
    """The file a job works on (an uploaded import), kept in the database so that a
    worker on another machine reads it too, and deleted as soon as the job ends."""

    job = models.OneToOneField(
        Job, on_delete=models.CASCADE, primary_key=True, related_name="input"
    )
    name = models.CharField(max_length=255, blank=True)
    data = models.BinaryField()

    class Meta:
        verbose_name = _("fichier d'une tâche")
        verbose_name_plural = _("fichiers des tâches")

    def __str__(self) -> str:
        return self.name


class WorkerHeartbeat(models.Model):
    """A task worker's latest sign of life, written every few seconds while it runs
    (concerto/jobs/lease.py): the tasks of a worker that stopped beating are queued again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(_("démarré le"))
    last_beat_at = models.DateTimeField(_("dernier signe de vie"))

    class Meta:
        verbose_name = _("processus de tâches")
        verbose_name_plural = _("processus de tâches")
        ordering = ["-last_beat_at"]

    def __str__(self) -> str:
        return self.worker_id

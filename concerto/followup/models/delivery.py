from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnswerBatch(models.Model):
    """Answers published together: participants are told once per batch."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="answer_batches"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("publiées le"), auto_now_add=True)
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(_("participants prévenus le"), null=True, blank=True)

    class Meta:
        verbose_name = _("lot de réponses")
        verbose_name_plural = _("lots de réponses")
        ordering = ["published_at", "pk"]

    def __str__(self) -> str:
        return f"{self.process} — {self.published_at:%Y-%m-%d}"


class Delivery(models.Model):
    """The log of who was told about a batch: the unique pair makes a resumed send skip
    people already told, and the notification is written in the same transaction."""

    batch = models.ForeignKey(AnswerBatch, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["batch", "user"], name="one_delivery_per_batch")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id} → {self.user_id}"

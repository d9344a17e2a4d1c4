from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One staff action: who did what to which object, when, and why.

    The object is named as it was (`target_label`): the line stays readable once the
    object is deleted. Kept as long as the personal-data register says (`activity_log`).
    """

    at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    action = models.CharField(_("action"), max_length=60)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("type d'objet"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(_("objet"), max_length=255)
    summary = models.CharField(_("ce qui a été fait"), max_length=500)
    reason = models.TextField(_("motif"), blank=True)
    changes = models.JSONField(_("modifications"), default=dict, blank=True)
    # The key of the form that asked for it: a second click finds the first one's line.
    key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("action du personnel")
        verbose_name_plural = _("journal d'activité")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="activity_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

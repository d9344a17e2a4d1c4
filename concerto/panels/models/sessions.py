"""Panel sessions and the attendance of each member.

Attendance rows carry a version: two staff members editing the same sheet never
overwrite each other silently (see `concerto.panels.sessions.record_attendance`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PanelSession(models.Model):
    panel = models.ForeignKey("panels.Panel", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("intitulé"), max_length=200)
    starts_at = models.DateTimeField(_("date et heure"))
    online = models.BooleanField(_("en ligne"), default=False)
    place = models.CharField(_("lieu ou lien de connexion"), max_length=300)
    agenda = models.TextField(_("ordre du jour"))
    # Aggregates kept after the pool (and so the attendance rows) is deleted.
    present_count = models.PositiveIntegerField(default=0)
    recorded_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("séance du panel")
        verbose_name_plural = _("séances du panel")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def attendance_rate(self) -> float | None:
        """Present members among those whose attendance is recorded."""
        return self.present_count / self.recorded_count if self.recorded_count else None


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Présent")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excusé")

    session = models.ForeignKey(PanelSession, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        "panels.PoolMember", on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("présence"), max_length=10, choices=Status.choices)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="panels_unique_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_status_display()}"

"""Meetings of the referents network: agenda, attendance, minutes, decisions, actions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkMeeting(models.Model):
    title = models.CharField(_("intitulé"), max_length=255)
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu ou lien de visioconférence"), max_length=255)
    agenda = models.TextField(_("ordre du jour"))
    minutes = models.TextField(_("compte rendu"), blank=True)
    minutes_published_at = models.DateTimeField(_("compte rendu publié le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("réunion du réseau")
        verbose_name_plural = _("réunions du réseau")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(
        NetworkMeeting, on_delete=models.CASCADE, related_name="attendances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=False)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="unique_meeting_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.meeting}"


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("décision"))

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text[:80]


class MeetingAction(models.Model):
    """A follow-up action decided in a meeting."""

    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pilote"),
    )
    due_date = models.DateField(_("échéance"))
    done = models.BooleanField(_("réalisée"), default=False)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

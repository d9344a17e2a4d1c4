from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_ALERT_PERCENT = 80


class ProfileSettings(models.Model):
    """Which catalogue questions a process asks its participants, and its representativeness page.

    `alert_percent`: the organiser is alerted when a group's share among respondents is
    below this percentage of its share in the population (80: under four fifths).
    """

    process = models.OneToOneField(
        "processes.Process", on_delete=models.CASCADE, related_name="profile_settings"
    )
    questions = models.JSONField(_("questions de profil"), default=list, blank=True)
    alert_percent = models.PositiveSmallIntegerField(
        _("seuil d'alerte (% de la part dans la population)"),
        default=DEFAULT_ALERT_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # The e-mail alerts (see alerts.py): when each group ("question:category") was last
    # e-mailed about, and when the answers were last checked.
    alerts_notified = models.JSONField(default=dict, blank=True, editable=False)
    alerts_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("questions de profil d'un dispositif")
        verbose_name_plural = _("questions de profil des dispositifs")

    def __str__(self) -> str:
        return str(self.process)


class ProfileResponse(models.Model):
    """One participant's answers to a process's profile questions, given once, voluntarily.

    Stored apart from contributions, never published per person, erased with the
    account. `answers` maps a question key to a category code; a skipped question is
    absent, and a row with no answers records that the person was asked and skipped all.
    """

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="profile_responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_responses"
    )
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    answered_at = models.DateTimeField(_("répondu le"))

    class Meta:
        verbose_name = _("réponses de profil")
        verbose_name_plural = _("réponses de profil")
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="one_profile_per_process")
        ]

    def __str__(self) -> str:
        return f"{self.process_id}/{self.user_id}"

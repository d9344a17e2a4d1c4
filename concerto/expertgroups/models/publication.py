from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.expertgroups.models.drafting import AnswerStatus


class GovernmentAnswer(models.Model):
    """One answer of the government to a published recommendation. Answers are never
    edited: a new position is a new dated answer, so the history stays public."""

    recommendation = models.ForeignKey(
        "expertgroups.Draft", on_delete=models.CASCADE, related_name="answers"
    )
    status = models.CharField(_("réponse"), max_length=12, choices=AnswerStatus.choices)
    reason = models.TextField(_("motifs"))
    answered_on = models.DateField(_("date de la réponse"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("réponse du gouvernement")
        verbose_name_plural = _("réponses du gouvernement")
        ordering = ["-answered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.answered_on})"

    @property
    def badge(self) -> str:
        return {"accepted": "success", "partly": "info", "declined": "error"}[self.status]

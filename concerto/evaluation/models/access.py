from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluatorGrant(models.Model):
    """An expert given access to one process to evaluate it independently."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="evaluator_grants"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("évaluatrice ou évaluateur"),
        on_delete=models.CASCADE,
        related_name="evaluator_grants",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accès d'évaluation")
        verbose_name_plural = _("accès d'évaluation")
        constraints = [
            models.UniqueConstraint(fields=["process", "expert"], name="one_grant_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.expert} — {self.process}"

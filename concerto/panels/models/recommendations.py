"""The panel's recommendations; each one is answered in the devoir de suite.

The link is `answer`: the followup `Answer` (level « recommandation ») the sponsor
writes through followup's own `save_answer`, so answers live in one place.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Recommendation(models.Model):
    panel = models.ForeignKey(
        "panels.Panel", on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveIntegerField(_("numéro"))
    text = models.TextField(_("recommandation"))
    answer = models.OneToOneField(
        "followup.Answer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panel_recommendation",
        verbose_name=_("réponse du commanditaire"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recommandation du panel")
        verbose_name_plural = _("recommandations du panel")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "number"], name="panels_unique_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return _("Recommandation n° %(number)d") % {"number": self.number}

    @property
    def target(self) -> str:
        """The followup answer's subject."""
        return (_("Recommandation n° %(number)d — %(panel)s") % {
            "number": self.number, "panel": self.panel.name})[:255]  # fmt: skip

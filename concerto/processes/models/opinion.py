from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Opinion(models.Model):
    """The CIPC's reasoned opinion (avis) on a referral."""

    class Verdict(models.TextChoices):
        FAVOURABLE = "favourable", _("Favorable")
        WITH_RECOMMENDATIONS = "with_recommendations", _("Favorable avec recommandations")
        UNFAVOURABLE = "unfavourable", _("Défavorable")

    referral = models.OneToOneField(
        "processes.Referral", on_delete=models.PROTECT, related_name="opinion"
    )
    version = models.ForeignKey(
        "processes.Version",
        verbose_name=_("version jugée"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(_("sens de l'avis"), max_length=24, choices=Verdict.choices)
    reasoning = models.TextField(_("motivation"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("rendu le"))

    class Meta:
        verbose_name = _("avis du CIPC")
        verbose_name_plural = _("avis du CIPC")

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} — {self.referral.process}"


class Recommendation(models.Model):
    """A numbered recommendation of an opinion, and the sponsor's answer to it."""

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Acceptée")
        PARTLY = "partly", _("Partiellement acceptée")
        DECLINED = "declined", _("Refusée")

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveIntegerField(_("numéro"))
    text = models.TextField(_("recommandation"))
    answer = models.CharField(_("réponse"), max_length=12, choices=Answer.choices, blank=True)
    answer_reason = models.TextField(_("motif de la réponse"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recommandation")
        verbose_name_plural = _("recommandations")
        ordering = ["opinion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["opinion", "number"], name="unique_recommendation")
        ]

    def __str__(self) -> str:
        return f"R{self.number}"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Moins de 18 ans")
    FROM_18 = "18_24", _("18 à 24 ans")
    FROM_25 = "25_34", _("25 à 34 ans")
    FROM_35 = "35_49", _("35 à 49 ans")
    FROM_50 = "50_64", _("50 à 64 ans")
    FROM_65 = "65_plus", _("65 ans et plus")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Femme")
    MAN = "man", _("Homme")
    OTHER = "other", _("Autre ou ne se prononce pas")


class ParticipantProfile(models.Model):
    """Optional, consented answers used only for aggregate figures about who took part.

    Stored apart from contributions and never published per person.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant_profile"
    )
    age_band = models.CharField(
        _("tranche d'âge"), max_length=10, choices=AgeBand.choices, blank=True
    )
    gender = models.CharField(_("genre"), max_length=10, choices=Gender.choices, blank=True)
    departement = models.CharField(_("département (code)"), max_length=3, blank=True)
    consented_at = models.DateTimeField(_("consentement donné le"))

    class Meta:
        verbose_name = _("profil de participant")
        verbose_name_plural = _("profils de participants")

    def __str__(self) -> str:
        return str(self.user)

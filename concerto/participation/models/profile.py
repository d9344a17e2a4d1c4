from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.participation.profile_questions import profile_questions


# The catalogue's codes for these two questions (checked by a test), kept as choices for
# the evaluation's reference margins.
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
    """Optional, consented answers used only for aggregate figures about who took part,
    and, with that consent, to pre-fill the profile questions of the next processes.

    `answers` maps a catalogue question key (concerto.participation.profile_questions)
    to a category code; an unanswered question is absent. Read it through `answer()`.
    Stored apart from contributions and never published per person. The row exists
    only once the person consented (`consented_at`); withdrawing consent deletes it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant_profile"
    )
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    consented_at = models.DateTimeField(_("consentement donné le"))

    class Meta:
        verbose_name = _("profil de participant")
        verbose_name_plural = _("profils de participants")

    def __str__(self) -> str:
        return str(self.user)

    def answer(self, key: str) -> str:
        """The category code answered to question `key`, "" when not answered."""
        return str((self.answers or {}).get(key) or "")

    def answer_label(self, key: str) -> str:
        """The answer to `key` in words (the catalogue's label), "" when not answered."""
        code = self.answer(key)
        question = profile_questions().get(key)
        return question.label_of(code) if code and question else code

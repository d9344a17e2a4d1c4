from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants")
    ORGANISERS = "organisers", _("Organisateurs")


class Survey(models.Model):
    """An evaluation questionnaire of one process, for its participants or its organisers.

    The questions are copied in when it opens, so later edits of the model
    questionnaire never change what people answered.
    """

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="evaluation_surveys"
    )
    audience = models.CharField(_("public"), max_length=20, choices=Audience.choices)
    questions = models.JSONField(_("questions"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire d'évaluation")
        verbose_name_plural = _("questionnaires d'évaluation")
        constraints = [
            models.UniqueConstraint(fields=["process", "audience"], name="one_survey_per_audience")
        ]

    def __str__(self) -> str:
        return f"{self.get_audience_display()} — {self.process}"


class SurveyParticipation(models.Model):
    """That a person answered, to refuse a second answer; never linked to the answers."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_answer_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.user_id}"


class SurveyResponse(models.Model):
    """One anonymous set of answers: no person, and only the day it came in."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(_("réponses"))
    submitted_on = models.DateField(_("reçu le"))

    class Meta:
        verbose_name = _("réponse anonyme")
        verbose_name_plural = _("réponses anonymes")

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.submitted_on}"

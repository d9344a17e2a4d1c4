from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiples")
    SCALE = "scale", _("Échelle")
    RANKING = "ranking", _("Classement")
    OPEN = "open", _("Question ouverte")


CLOSED_KINDS = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.SCALE,
    QuestionKind.RANKING,
)
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
# A condition reads one answer among known values: a ranking or a free text cannot be one.
CONDITION_SOURCE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE)


class Question(models.Model):
    """One question of a questionnaire module.

    Closed answers are stored as JSON values (a choice, a list of choices, a
    number on the scale, the choices in ranked order); open answers become core
    contributions on submission, analysed and answered like any other.
    """

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type de question"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("aide"), max_length=500, blank=True)
    choices = models.JSONField(_("choix proposés"), default=list, blank=True)
    required = models.BooleanField(_("réponse obligatoire"), default=False)
    scale_min = models.SmallIntegerField(_("minimum de l'échelle"), default=1)
    scale_max = models.SmallIntegerField(_("maximum de l'échelle"), default=5)
    scale_min_label = models.CharField(_("libellé du minimum"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("libellé du maximum"), max_length=60, blank=True)
    # Shown only when the answer to an earlier question is among these values.
    # RESTRICT: a source question goes only with its whole module (actions refuse otherwise).
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("afficher seulement selon la réponse à"),
    )
    condition_values = models.JSONField(
        _("réponses qui affichent la question"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["module", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q_{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.kind in CLOSED_KINDS

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def options(self) -> list[str]:
        """The values an answer may take, as text: what a condition compares to."""
        if self.kind == QuestionKind.SCALE:
            return [str(value) for value in self.scale_values]
        return list(self.choices)


class Response(models.Model):
    """One participant's answers to a questionnaire: a draft until sent, once."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Envoyée")

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    # The key the form carries: a retried or double-clicked submission sends it again.
    idempotency_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réponse au questionnaire")
        verbose_name_plural = _("réponses au questionnaire")
        constraints = [
            models.UniqueConstraint(fields=["module", "participant"], name="one_response_each")
        ]

    def __str__(self) -> str:
        return f"{self.module} — {self.participant}"


class Answer(models.Model):
    """The answer to one question within a response."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # RESTRICT: answered questions are never deleted alone, only with their module.
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="answers")
    # Closed questions; for an open question, the draft text until it is sent.
    value = models.JSONField(null=True, blank=True)
    # Open questions once sent: the text lives in a core contribution of kind ANSWER.
    contribution = models.OneToOneField(
        "participation.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questionnaire_answer",
    )

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question} — {self.response}"

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AnswerStatus(models.Model):
    """A status an answer can have; data the CIPC adjusts in the admin."""

    code = models.SlugField(_("code"), unique=True)
    label = models.CharField(_("libellé"), max_length=100)
    default_progress = models.PositiveSmallIntegerField(
        _("avancement par défaut (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    requires_reason = models.BooleanField(_("motif obligatoire"), default=False)
    requires_new_date = models.BooleanField(_("nouvelle date obligatoire"), default=False)
    # Implementation is tracked with milestones for retained items only.
    tracks_implementation = models.BooleanField(_("mise en œuvre suivie"), default=False)
    badge = models.CharField(_("couleur du badge DSFR"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("statut de réponse")
        verbose_name_plural = _("statuts de réponse")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class AnswerLevel(models.TextChoices):
    PROPOSAL = "proposal", _("Proposition")
    THEME = "theme", _("Thème")
    RECOMMENDATION = "recommendation", _("Recommandation d'un panel citoyen")
    QUESTION = "question", _("Question d'un questionnaire")


class AnswerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class Answer(models.Model):
    """The sponsor's answer to one or several contributions, at the level that fits."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="followup_answers"
    )
    commitment = models.ForeignKey(
        "processes.FollowUpCommitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("engagement tenu"),
    )
    level = models.CharField(_("niveau"), max_length=20, choices=AnswerLevel.choices)
    target = models.CharField(_("objet de la réponse"), max_length=255)
    theme = models.ForeignKey(
        "processes.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    question = models.ForeignKey(
        "questionnaires.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The analysis theme (after curation) a theme answer covers: every contribution in it
    # when the answer is saved; those added to the theme later show as new since the answer.
    analysis_theme = models.ForeignKey(
        "analysis.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followup_answers",
        verbose_name=_("thème de l'analyse"),
    )
    # The background job linking a large selection of contributions to the answer.
    coverage_job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.ForeignKey(AnswerStatus, on_delete=models.PROTECT, verbose_name=_("statut"))
    text = models.TextField(_("réponse"))
    reason = models.TextField(_("motif"), blank=True)
    new_date = models.DateField(_("nouvelle date"), null=True, blank=True)
    decision_url = models.URLField(_("document de décision"), blank=True)
    legal_reference = models.CharField(
        _("référence au Journal officiel (JORF / Légifrance)"), max_length=100, blank=True
    )
    budget_line = models.CharField(_("ligne budgétaire"), max_length=200, blank=True)
    contributions = models.ManyToManyField(
        "participation.Contribution", related_name="followup_answers", blank=True
    )
    batch = models.ForeignKey(
        "followup.AnswerBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Sent with the new-answer form: the same form posted twice (a double click, a retry
    # after a timeout) creates one answer.
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="followup_answer_idempotency_key_per_process",
            )
        ]

    def __str__(self) -> str:
        return self.target

    def get_absolute_url(self) -> str:
        return reverse("followup:answer_page", args=[self.process.slug, self.pk])

    def content(self) -> dict:
        """What a version of this answer records, in a stable JSON-ready form."""
        return {
            "level": self.level,
            "target": self.target,
            "status": self.status.code,
            "text": self.text,
            "reason": self.reason,
            "new_date": self.new_date.isoformat() if self.new_date else None,
            "decision_url": self.decision_url,
            "legal_reference": self.legal_reference,
            "budget_line": self.budget_line,
            "contributions": sorted(c.pk for c in self.contributions.all()),
        }

    def progress(self, milestones: list["Milestone"] | None = None) -> int | None:
        """Rolled-up progress of the top milestones; None when there is nothing to measure:
        the answer does not retain anything (a "non retenue" or "hors du champ" answer has
        no implementation), or no milestone is set yet. A percentage is never made up."""
        if not self.status.tracks_implementation:
            return None
        if milestones is None:
            milestones = list(self.milestones.all())
        if not milestones:
            return None
        return rolled_progress(milestones, None, 0)


def rolled_progress(milestones: list["Milestone"], parent_id: int | None, default: int) -> int:
    """Weighted average of the children of `parent_id`; a leaf counts its own progress."""
    children = [m for m in milestones if m.parent_id == parent_id]
    if not children:
        return default
    total = sum(m.weight for m in children) or 1
    return round(sum(m.weight * m.rolled_progress(milestones) for m in children) / total)


class Milestone(models.Model):
    """An implementation step of an answer; its children's progress rolls up into it."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="milestones")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("jalon parent"),
    )
    title = models.CharField(_("intitulé"), max_length=255)
    due_date = models.DateField(_("échéance"))
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    weight = models.PositiveSmallIntegerField(_("poids"), default=1)
    done = models.BooleanField(_("réalisé"), default=False)
    evidence_url = models.URLField(_("justificatif"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def rolled_progress(self, milestones: list["Milestone"]) -> int:
        own = 100 if self.done else self.progress
        return rolled_progress(milestones, self.pk, own)

    def is_late(self, today=None) -> bool:
        """Past its due date and not done (a milestone at 100 % counts as done)."""
        today = today or timezone.localdate()
        return not self.done and self.progress < 100 and self.due_date < today


class Rating(models.Model):
    """A citizen's judgement: was the contribution really answered?"""

    class Value(models.TextChoices):
        YES = "yes", _("Oui")
        PARTLY = "partly", _("En partie")
        NO = "no", _("Non")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(_("avis"), max_length=10, choices=Value.choices)
    comment = models.TextField(_("commentaire"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("avis sur une réponse")
        verbose_name_plural = _("avis sur les réponses")
        constraints = [
            models.UniqueConstraint(fields=["answer", "user"], name="one_rating_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()} — {self.answer_id}"

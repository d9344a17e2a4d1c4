from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionRating(models.TextChoices):
    MET = "met", _("Satisfaisant")
    PARTLY = "partly", _("Partiellement satisfaisant")
    NOT_MET = "not_met", _("Insuffisant")


# The three criteria of the OECD Evaluation Guidelines for Representative
# Deliberative Processes (2021): code -> label.
OECD_CRITERIA: list[tuple[str, str]] = [
    ("design_integrity", _("Intégrité de la conception du dispositif")),
    ("deliberative_experience", _("Qualité de l'expérience de participation")),
    ("pathways_to_impact", _("Chemins vers l'impact")),
]


class EvaluationReport(models.Model):
    """The evaluation report of one process: indicators, surveys and the evaluator's
    judgement per OECD criterion. Its figures are frozen when it is published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")

    process = models.OneToOneField(
        "processes.Process", on_delete=models.CASCADE, related_name="evaluation_report"
    )
    summary = models.TextField(_("synthèse de l'évaluation"), blank=True)
    # {criterion code: {"rating": CriterionRating, "text": str}}
    judgements = models.JSONField(_("appréciation par critère"), default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.JSONField(_("indicateurs figés"), null=True, blank=True)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    # Bumped by every save: optimistic locking between evaluators.
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rapport d'évaluation")
        verbose_name_plural = _("rapports d'évaluation")

    def __str__(self) -> str:
        return str(self.process)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class AnnualReport(models.Model):
    """The CIPC's yearly report on participation across the State."""

    year = models.PositiveIntegerField(_("année"), unique=True)
    introduction = models.TextField(_("introduction du CIPC"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("publié le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapport annuel")
        verbose_name_plural = _("rapports annuels")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Analysis(models.Model):
    """One run of the text-mining engine on a module's contributions."""

    class Status(models.TextChoices):
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminée")
        FAILED = "failed", _("Échouée")

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="analyses"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    requested_themes = models.PositiveSmallIntegerField(
        _("nombre de thèmes"), null=True, blank=True
    )
    seed = models.PositiveIntegerField(default=0)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True)
    # Participation figures and closed-question tables, as computed for this run.
    figures = models.JSONField(default=dict, blank=True)
    closed_questions = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("analyse des contributions")
        verbose_name_plural = _("analyses des contributions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.module} — {self.created_at:%d/%m/%Y %H:%M}"


class Theme(models.Model):
    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="themes")
    # The open question these texts answer (None: contributions outside a
    # questionnaire): a questionnaire is analysed question by question.
    question = models.ForeignKey(
        "questionnaires.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The section these texts belong to, analysed apart from the others
    # (concerto.analysis.loading.Section): "question:12" for an open question,
    # "article:34" for an article of a text to co-draft, "" for texts in no section.
    section_key = models.CharField(max_length=40, blank=True, default="")
    section_label = models.CharField(max_length=500, blank=True, default="")
    section_position = models.IntegerField(default=-1)
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(_("intitulé"), max_length=200)
    terms = models.JSONField(default=list, blank=True)
    quotes = models.JSONField(default=list, blank=True)  # contribution ids
    size = models.PositiveIntegerField(default=0)
    authors = models.PositiveIntegerField(default=0)
    # Bumped on every change: a stale form cannot overwrite a newer label.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("thème")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class CampaignGroup(models.Model):
    """Near-identical texts (or one sentence) sent by many distinct authors."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Texte quasi identique")
        SENTENCE = "sentence", _("Phrase reprise")
        MANUAL = "manual", _("Regroupement manuel")

    class Review(models.TextChoices):
        DETECTED = "detected", _("Détectée, à examiner")
        CONFIRMED = "confirmed", _("Confirmée comme campagne")
        DISMISSED = "dismissed", _("Écartée : pas une campagne")

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="campaigns")
    # The open question these texts answer (None: contributions outside a
    # questionnaire): a questionnaire is analysed question by question.
    question = models.ForeignKey(
        "questionnaires.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The section these texts belong to, analysed apart from the others
    # (concerto.analysis.loading.Section): "question:12" for an open question,
    # "article:34" for an article of a text to co-draft, "" for texts in no section.
    section_key = models.CharField(max_length=40, blank=True, default="")
    section_label = models.CharField(max_length=500, blank=True, default="")
    section_position = models.IntegerField(default=-1)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.DETECTED)
    size = models.PositiveIntegerField(default=0)
    authors = models.PositiveIntegerField(default=0)
    example = models.ForeignKey(
        "participation.Contribution", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sentence = models.TextField(blank=True)
    days = models.JSONField(default=dict, blank=True)  # ISO date -> texts

    class Meta:
        ordering = ["-size", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.size})"


class Assignment(models.Model):
    """Where one contribution landed in one analysis."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="assignments")
    contribution = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="assignments"
    )
    campaign = models.ForeignKey(
        CampaignGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="assignments"
    )
    duplicate_group = models.IntegerField(null=True, blank=True)
    is_copy = models.BooleanField(default=False)
    is_own_repeat = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["analysis", "contribution"], name="one_assignment_each")
        ]

    def __str__(self) -> str:
        return f"{self.analysis_id}:{self.contribution_id}"


class Operation(models.Model):
    """A manual change by an analyst, kept for the module and re-applied on each
    new run. Themes are named by their member contributions (anchors), which
    survive a re-run, never by their ids, which do not."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("Renommage d'un thème")
        MERGE = "merge", _("Fusion de thèmes")
        MOVE = "move", _("Déplacement de contributions")
        SPLIT = "split", _("Scission d'un thème")
        CAMPAIGN = "campaign", _("Examen d'une campagne")

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="analysis_operations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    payload = models.JSONField(default=dict)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ProviderAccess(models.Model):
    """An external analysis provider (e.g. a framework-contract holder) whom the
    organiser lets read and curate a module's analysis. Rows are never deleted:
    grant and revocation stay on record, with who did them and when."""

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="analysis_providers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="analysis_accesses"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("accès d'un prestataire à l'analyse")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            # One live access per person and module: a double submission cannot
            # create two.
            models.UniqueConstraint(
                fields=["module", "user"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_provider_access",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.module}"

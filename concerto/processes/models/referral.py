from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Version(models.Model):
    """A frozen copy of a process description, made at each referral to the CIPC."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("numéro"))
    snapshot = models.JSONField(_("description figée"))
    precheck = models.JSONField(_("pré-contrôle automatique"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.process} — v{self.number}"


class Referral(models.Model):
    """The referral (saisine) of one process to the CIPC, and its review."""

    process = models.OneToOneField(
        "processes.Process", on_delete=models.CASCADE, related_name="referral"
    )
    version = models.ForeignKey(
        Version, verbose_name=_("version examinée"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("transmise le"))
    due_date = models.DateField(_("avis attendu au plus tard le"))
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conseiller chargé de l'examen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_referrals",
    )
    # Set while a CIPC question awaits the ministry's answer: the review clock stands
    # still, and the due date moves by the working days it stood still once answered.
    clock_paused_since = models.DateField(_("délai suspendu depuis le"), null=True, blank=True)

    class Meta:
        verbose_name = _("saisine")
        verbose_name_plural = _("saisines")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"Saisine — {self.process}"

    def get_absolute_url(self) -> str:
        return reverse("processes:review", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return (
            not hasattr(self, "opinion")
            and self.clock_paused_since is None
            and self.due_date < timezone.localdate()
        )


class CriterionReview(models.Model):
    """The advisor's score and comment on one criterion of the quality grid."""

    class Score(models.TextChoices):
        MET = "met", _("Satisfait")
        TO_IMPROVE = "to_improve", _("À améliorer")
        NOT_MET = "not_met", _("Non satisfait")

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="criterion_reviews"
    )
    criterion = models.CharField(_("critère"), max_length=80)
    # Blank in a draft of the grid: the comment is kept until the score is chosen.
    score = models.CharField(_("appréciation"), max_length=12, choices=Score.choices, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("appréciation d'un critère")
        verbose_name_plural = _("appréciations des critères")
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "criterion"], name="unique_criterion_review"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Question(models.Model):
    """A message in the thread between the CIPC and the ministry about a referral."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="questions")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    # A CIPC question the ministry has not answered yet: it pauses the review clock.
    awaits_answer = models.BooleanField(_("attend la réponse du ministère"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]

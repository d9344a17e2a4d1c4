from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BODY_LENGTH = 100_000


class Document(models.Model):
    """One sourced document of an information dossier.

    A dossier gives participants plural information: each document says who
    wrote it and from which point of view, and documents presenting a
    contradictory point of view are marked as such.
    """

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("titre"), max_length=200)
    summary = models.CharField(_("résumé"), max_length=500, blank=True)
    body = models.TextField(_("texte"), max_length=MAX_DOCUMENT_BODY_LENGTH, blank=True)
    source = models.CharField(
        _("source ou auteur"),
        max_length=200,
        help_text=_("Qui a produit ce document : administration, association, expert…"),
    )
    url = models.URLField(_("adresse du document original"), max_length=500, blank=True)
    viewpoint = models.CharField(
        _("point de vue"),
        max_length=100,
        blank=True,
        help_text=_("Par exemple : administration, association d'usagers, collectivités."),
    )
    contradictory = models.BooleanField(
        _("point de vue contradictoire"),
        default=False,
        help_text=_("Le document défend une position opposée ou critique sur le projet."),
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["module", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "dossiers:document",
            kwargs={
                "slug": self.module.process.slug,
                "module_id": self.module_id,
                "document_id": self.pk,
            },
        )


class SourceReview(models.Model):
    """An organiser's decision on a source suggested by a participant, kept as a log.

    The page asks participants to suggest sources to the organisers: a suggestion is
    theirs until they accept it. Only a suggestion whose latest decision is ACCEPTED goes
    to the public API and the open data (see `queries.without_pending_suggestions`).
    """

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Retenue")
        DECLINED = "declined", _("Non retenue")

    contribution = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="source_reviews"
    )
    decision = models.CharField(_("décision"), max_length=10, choices=Decision.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("décidée le"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("décision sur une source suggérée")
        verbose_name_plural = _("décisions sur les sources suggérées")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.contribution_id} — {self.get_decision_display()}"

from django.db import models
from django.urls import reverse
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

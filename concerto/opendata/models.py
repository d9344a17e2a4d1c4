from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """One generation of every open-data file, in its own storage folder: the page always
    serves a complete set, and a generation in progress never replaces the current one."""

    generated_at = models.DateTimeField(_("générée le"), db_index=True)
    folder = models.CharField(max_length=100, unique=True)
    # {dataset name: {"rows": n, "sizes": {"csv": bytes, "json": bytes, "schema": bytes}}}
    summary = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("publication des données ouvertes")
        verbose_name_plural = _("publications des données ouvertes")
        ordering = ["-generated_at", "-pk"]
        get_latest_by = "generated_at"

    def __str__(self) -> str:
        return self.folder


class ImportRun(models.Model):
    """One import of another platform's export into a module, with its report."""

    class Source(models.TextChoices):
        DECIDIM = "decidim", _("Decidim (export données ouvertes, ZIP)")
        CAPCOLLECTIF = "capcollectif", _("Cap Collectif (CSV d'un questionnaire)")

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="platform_imports"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("plateforme"), max_length=20, choices=Source.choices)
    filename = models.CharField(_("fichier"), max_length=255, blank=True)
    created = models.PositiveIntegerField(_("contributions ajoutées"), default=0)
    existing = models.PositiveIntegerField(_("déjà importées"), default=0)
    rejected = models.PositiveIntegerField(_("lignes non importées"), default=0)
    report = models.JSONField(_("compte rendu"), default=list)
    at = models.DateTimeField(_("importé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("import depuis une autre plateforme")
        verbose_name_plural = _("imports depuis d'autres plateformes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} — {self.filename}"

"""What another platform published about the items imported into a co-drafting module,
and Concerto cannot hold otherwise: votes without their voters, and the link from an
argument on one of the draft's articles to that article.

Votes of the République numérique platform (d'accord / pas d'accord / mitigé) came as
counts in its public dump, without voters: they are kept here as counts, shown as
"votes sur l'ancienne plateforme", and never turned into supports.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedRecord(models.Model):
    """One item of another platform's dump (an opinion or an argument), imported once."""

    class SourceKind(models.TextChoices):
        OPINION = "opinion", _("Article ou proposition")
        ARGUMENT = "argument", _("Argument")

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="imported_records"
    )
    source = models.CharField(_("plateforme d'origine"), max_length=40)
    source_kind = models.CharField(_("type d'origine"), max_length=10, choices=SourceKind.choices)
    source_id = models.BigIntegerField(_("identifiant d'origine"))
    # The article it is about: the draft's article it is, the article a proposal comes
    # after, the article an argument on the draft's article discusses.
    unit = models.ForeignKey(
        "codrafting.TextUnit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imported_records",
    )
    # The contribution it became (none for one of the draft's articles: it is a unit).
    contribution = models.OneToOneField(
        "participation.Contribution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imported_record",
    )
    submitted_at = models.DateTimeField(_("déposé le (plateforme d'origine)"))
    votes_for = models.PositiveIntegerField(_("d'accord"), default=0)
    votes_against = models.PositiveIntegerField(_("pas d'accord"), default=0)
    votes_mixed = models.PositiveIntegerField(_("mitigé"), default=0)
    votes_total = models.PositiveIntegerField(_("votes sur l'ancienne plateforme"), default=0)
    trashed = models.BooleanField(
        _("mis à la corbeille sur la plateforme d'origine"), default=False
    )

    class Meta:
        verbose_name = _("élément importé d'une autre plateforme")
        verbose_name_plural = _("éléments importés d'une autre plateforme")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "source", "source_kind", "source_id"],
                name="one_imported_record_per_source_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.source_kind} {self.source_id}"

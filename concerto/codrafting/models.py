"""Versions of a text to co-draft, their units, and the suggestions made on them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.followup.models.versions import VersionBase

MAX_LABEL_LENGTH = 100
MAX_HEADING_LENGTH = 300
POSITION_STEP = 1024


class TextVersion(models.Model):
    """One version of the text of a co-drafting module: version 1 is the imported draft.
    A version is prepared unpublished (the organiser corrects it), then published, and
    never changes after: the next one is a new version."""

    module = models.ForeignKey(
        "participation.Module", on_delete=models.CASCADE, related_name="text_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("titre du texte"), max_length=MAX_HEADING_LENGTH)
    note = models.TextField(_("ce qui change"), blank=True)
    source_format = models.CharField(_("format importé"), max_length=30, blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("version du texte")
        verbose_name_plural = _("versions du texte")
        ordering = ["module", "number"]
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="one_text_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class UnitKind(models.TextChoices):
    TITLE = "title", _("Titre")
    CHAPTER = "chapter", _("Chapitre")
    SECTION = "section", _("Section")
    ARTICLE = "article", _("Article")
    PARAGRAPH = "paragraph", _("Alinéa")


class TextUnit(models.Model):
    """A title, chapter, section, article or paragraph of one version, in reading order.

    `origin` is the same unit in the previous version (none for a unit the version
    added); `sources` are the suggestions that led to its change from that origin."""

    version = models.ForeignKey(TextVersion, on_delete=models.CASCADE, related_name="units")
    position = models.PositiveIntegerField(_("rang"))
    # The engine's position key ("c2.a3.p1"), as of the version's import or publication.
    key = models.CharField(_("repère"), max_length=80, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    label = models.CharField(_("intitulé"), max_length=MAX_LABEL_LENGTH, blank=True)
    heading = models.CharField(_("titre"), max_length=MAX_HEADING_LENGTH, blank=True)
    text = models.TextField(_("texte"), blank=True)
    open = models.BooleanField(_("ouvert aux suggestions"), default=True)
    closed_reason = models.CharField(
        _("pourquoi ce passage n'est pas ouvert"), max_length=500, blank=True
    )
    origin = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="successors"
    )
    sources = models.ManyToManyField(
        "participation.Contribution", blank=True, related_name="text_units"
    )

    class Meta:
        verbose_name = _("passage du texte")
        verbose_name_plural = _("passages du texte")
        # Positions leave gaps (POSITION_STEP) so that an article is inserted between two
        # without moving the others.
        ordering = ["version", "position", "pk"]
        indexes = [models.Index(fields=["version", "position"], name="text_unit_reading_order")]

    def __str__(self) -> str:
        return self.label or self.heading or self.text[:60]

    @property
    def is_paragraph(self) -> bool:
        return self.kind == UnitKind.PARAGRAPH


class SuggestionAction(models.TextChoices):
    REWORD = "reword", _("Nouvelle rédaction")
    NEW_ARTICLE = "new_article", _("Nouvel article")


class Suggestion(models.Model):
    """What a contribution proposes to change in the text: a new wording of paragraph
    `unit`, or a new article after article `unit`. The contribution's body is the
    proposed text; `base_text` keeps the paragraph as the citizen read it, for the diff."""

    contribution = models.OneToOneField(
        "participation.Contribution",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="text_suggestion",
    )
    unit = models.ForeignKey(TextUnit, on_delete=models.PROTECT, related_name="suggestions")
    action = models.CharField(_("type"), max_length=12, choices=SuggestionAction.choices)
    base_text = models.TextField(_("texte d'origine"), blank=True)
    heading = models.CharField(_("titre proposé"), max_length=MAX_HEADING_LENGTH, blank=True)
    explanation = models.TextField(_("pourquoi"), blank=True, max_length=5000)
    # The contribution's supports, kept by concerto/codrafting/signals.py: lists sorted
    # "most supported first" read it instead of recounting every support of an article.
    supports_count = models.PositiveIntegerField(_("soutiens"), default=0)

    class Meta:
        verbose_name = _("suggestion sur le texte")
        verbose_name_plural = _("suggestions sur le texte")
        indexes = [
            models.Index(fields=["unit", "-supports_count"], name="suggestion_support_order")
        ]

    def __str__(self) -> str:
        return str(self.contribution)


class TextVersionRecord(VersionBase):
    """A published version of the text, as it was published, in its process's
    hash-chained history (one chain per process, beside the answers' and commitments').

    `content` is the canonical content (see `concerto.codrafting.history`). The record
    outlives its version: a deleted module leaves its published texts in the chain,
    which is why the version's id is kept apart from the link to it."""

    version = models.ForeignKey(
        TextVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="records"
    )
    version_pk = models.PositiveBigIntegerField(_("version publiée"))

    class Meta(VersionBase.Meta):
        verbose_name = _("version publiée du texte")
        verbose_name_plural = _("versions publiées du texte")
        constraints = [
            models.UniqueConstraint(fields=["version_pk"], name="one_record_per_text_version")
        ]

    def __str__(self) -> str:
        return f"{self.version_pk} v{self.number}"

    @property
    def object_id(self) -> int:
        return self.version_pk


from concerto.codrafting.legacy import ImportedRecord  # noqa: E402, F401 (registers the model)

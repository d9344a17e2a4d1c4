"""Capsules: short videos with a full transcript, a captions file, chapters and a duration."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from concerto.resources.models.base import ResourcePage


def format_seconds(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


class CapsuleIndexPage(ResourcePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = ResourcePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.ResourceHomePage"]
    subpage_types = ["resources.CapsulePage"]
    max_count = 1
    template = "resources/capsule_index_page.html"
    kind_label = _("Capsules")

    class Meta:
        verbose_name = _("liste des capsules")


class CapsulePage(ResourcePage):
    summary = models.TextField(_("en bref"))
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("fichier vidéo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(_("lien vers la vidéo"), blank=True)
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("sous-titres (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration_seconds = models.PositiveIntegerField(_("durée (secondes)"))
    transcript = models.TextField(_("transcription intégrale"))

    content_panels = ResourcePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("video"),
        FieldPanel("video_url"),
        FieldPanel("captions"),
        FieldPanel("duration_seconds"),
        FieldPanel("transcript"),
        InlinePanel("chapters", label=_("chapitres")),
    ]
    parent_page_types = ["resources.CapsuleIndexPage"]
    subpage_types: list[str] = []
    template = "resources/capsule_page.html"
    kind_label = _("Capsule vidéo")

    class Meta:
        verbose_name = _("capsule vidéo")

    def clean(self):
        super().clean()
        if not self.video_id and not self.video_url:
            raise ValidationError(
                {"video_url": _("Déposez le fichier de la vidéo ou donnez son lien.")}
            )

    def search_text(self) -> str:
        return f"{self.summary} {self.transcript}"

    @property
    def duration_label(self) -> str:
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"

    @property
    def transcript_paragraphs(self) -> list[str]:
        return [part.strip() for part in self.transcript.split("\n\n") if part.strip()]


class CapsuleChapter(Orderable):
    page = ParentalKey(CapsulePage, on_delete=models.CASCADE, related_name="chapters")
    start_seconds = models.PositiveIntegerField(_("début (secondes)"))
    title = models.CharField(_("titre"), max_length=200)

    panels = [FieldPanel("start_seconds"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("chapitre")

    @property
    def start_label(self) -> str:
        return format_seconds(self.start_seconds)

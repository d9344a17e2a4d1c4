"""The resource centre's home, the methodological guide and the devoir de suite dossier."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from concerto.resources.models.base import ResourcePage


class ResourceHomePage(ResourcePage):
    """/ressources/: the entry to the guide, the FAQ, the dossier and the capsules."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = ResourcePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "resources.GuidePage",
        "resources.FaqIndexPage",
        "resources.FollowUpDossierPage",
        "resources.CapsuleIndexPage",
        "newsletter.NewsletterIndexPage",
    ]
    max_count = 1
    template = "resources/home_page.html"

    class Meta:
        verbose_name = _("accueil du centre de ressources")


class GuidePage(ResourcePage):
    """The methodological guide: its chapters follow the life of a process."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = ResourcePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.ResourceHomePage"]
    subpage_types = ["resources.GuideChapterPage"]
    max_count = 1
    template = "resources/guide_page.html"
    kind_label = _("Guide")

    class Meta:
        verbose_name = _("guide méthodologique")

    def search_text(self) -> str:
        return self.intro


class GuideChapterPage(ResourcePage):
    """A chapter of the guide (framing, stakeholders, governance…) grouping practical sheets."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = ResourcePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.GuidePage"]
    subpage_types = ["resources.GuideSheetPage"]
    template = "resources/guide_chapter_page.html"
    kind_label = _("Chapitre du guide")

    class Meta:
        verbose_name = _("chapitre du guide")

    def search_text(self) -> str:
        return self.intro


class GuideSheetPage(ResourcePage):
    """A practical sheet: linkable, printable as PDF, rated "was this useful?"."""

    summary = models.TextField(_("en bref"), help_text=_("Deux ou trois phrases."))
    body = RichTextField(_("contenu"))
    key_points = models.TextField(_("points clés"), blank=True, help_text=_("Un point par ligne."))

    content_panels = ResourcePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("key_points"),
    ]
    parent_page_types = ["resources.GuideChapterPage"]
    subpage_types: list[str] = []
    template = "resources/guide_sheet_page.html"
    kind_label = _("Fiche pratique")

    class Meta:
        verbose_name = _("fiche pratique")

    def search_text(self) -> str:
        return f"{self.summary} {self.body} {self.key_points}"

    @property
    def key_point_list(self) -> list[str]:
        return [line.strip() for line in self.key_points.splitlines() if line.strip()]


class FollowUpDossierPage(ResourcePage):
    """The devoir de suite dossier: a guided sheet, then real published follow-up answers."""

    summary = models.TextField(_("en bref"), blank=True)
    body = RichTextField(_("fiche guidée"), blank=True)
    examples_count = models.PositiveSmallIntegerField(
        _("nombre d'exemples tirés de la plateforme"), default=5
    )

    content_panels = ResourcePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("examples_count"),
    ]
    parent_page_types = ["resources.ResourceHomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "resources/followup_dossier_page.html"
    kind_label = _("Dossier devoir de suite")

    class Meta:
        verbose_name = _("dossier devoir de suite")

    def search_text(self) -> str:
        return f"{self.summary} {self.body}"

    def get_context(self, request, *args, **kwargs):
        # cycle: resources.queries imports resources.models.guide (through resources.models)
        from concerto.resources.queries import followup_examples

        context = super().get_context(request, *args, **kwargs)
        context["examples"] = followup_examples(self.examples_count)
        return context

"""The FAQ: questions by theme, each with the date its answer was last checked."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.snippets.models import register_snippet

from concerto.folding import french_order
from concerto.resources.models.base import ResourcePage


@register_snippet
class FaqTheme(models.Model):
    name = models.CharField(_("nom"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("name"), FieldPanel("position")]

    class Meta:
        verbose_name = _("thème de la FAQ")
        verbose_name_plural = _("thèmes de la FAQ")
        ordering = ["position", *french_order("name")]

    def __str__(self) -> str:
        return self.name


class FaqIndexPage(ResourcePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = ResourcePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.ResourceHomePage"]
    subpage_types = ["resources.FaqEntryPage"]
    max_count = 1
    template = "resources/faq_index_page.html"
    kind_label = _("FAQ")

    class Meta:
        verbose_name = _("foire aux questions")

    def get_context(self, request, *args, **kwargs):
        # cycle: resources.queries imports resources.models.faq
        from concerto.resources.queries import faq_by_theme

        # cycle: resources.search imports resources.models.faq (through resources.models)
        from concerto.resources.search import search_faq

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        context["query"] = query
        context["results"] = search_faq(query, parent=self) if query else None
        context["themes"] = faq_by_theme(self) if not query else []
        return context


class FaqEntryPage(ResourcePage):
    """One question and its answer; the title is the question."""

    theme = models.ForeignKey(
        FaqTheme, verbose_name=_("thème"), on_delete=models.PROTECT, related_name="entries"
    )
    answer = RichTextField(_("réponse"))
    last_checked = models.DateField(_("réponse vérifiée le"))
    content_panels = ResourcePage.content_panels + [
        FieldPanel("theme"),
        FieldPanel("answer"),
        FieldPanel("last_checked"),
    ]
    parent_page_types = ["resources.FaqIndexPage"]
    subpage_types: list[str] = []
    template = "resources/faq_entry_page.html"
    kind_label = _("Question fréquente")

    class Meta:
        verbose_name = _("question fréquente")
        verbose_name_plural = _("questions fréquentes")

    def search_text(self) -> str:
        return self.answer

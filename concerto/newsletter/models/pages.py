"""Editions of the newsletter, written in the CMS, and their public archive."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from concerto.newsletter.audiences import Audience
from concerto.newsletter.blocks import EditionBlocks


class NewsletterIndexPage(Page):
    """The archive: every edition already sent, newest first (concerto/newsletter/archive.py
    keeps one under the resource centre's home)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["resources.ResourceHomePage"]
    subpage_types = ["newsletter.NewsletterEditionPage"]
    max_count = 1
    template = "newsletter/index_page.html"

    class Meta:
        verbose_name = _("archive de la lettre d'information")

    def get_context(self, request, *args, **kwargs):
        # cycle: newsletter.queries imports newsletter.models.pages (through newsletter.models)
        from concerto.newsletter.queries import sent_editions

        context = super().get_context(request, *args, **kwargs)
        context["editions"] = sent_editions(self)
        return context


class NewsletterEditionPage(Page):
    """One edition: its blocks, who it goes to, and when it leaves.

    Publishing it with a send date makes the scheduler send it at that date (once: the
    campaign key is the page's id); it shows in the archive once sent."""

    body = StreamField(EditionBlocks(), verbose_name=_("contenu"))
    for_agents = models.BooleanField(Audience.AGENTS.label, default=True)
    for_referents = models.BooleanField(Audience.REFERENTS.label, default=True)
    for_public = models.BooleanField(Audience.PUBLIC.label, default=True)
    send_at = models.DateTimeField(
        _("envoi programmé le"),
        null=True,
        blank=True,
        help_text=_("L'édition part à cette date si elle est publiée ; vide : pas d'envoi."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("for_agents"),
                        FieldPanel("for_referents"),
                        FieldPanel("for_public"),
                    ]
                ),
                FieldPanel("send_at"),
            ],
            heading=_("Destinataires et envoi"),
        ),
    ]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []
    template = "newsletter/edition_page.html"

    class Meta:
        verbose_name = _("édition de la lettre d'information")
        verbose_name_plural = _("éditions de la lettre d'information")

    @property
    def audiences(self) -> list[str]:
        flags = {
            Audience.AGENTS: self.for_agents,
            Audience.REFERENTS: self.for_referents,
            Audience.PUBLIC: self.for_public,
        }
        return [audience.value for audience, chosen in flags.items() if chosen]

    def serve(self, request, *args, **kwargs):
        # An edition is public once sent; its editors see it before through the preview.
        # cycle: newsletter.queries imports newsletter.models.pages (through newsletter.models)
        from concerto.newsletter.queries import is_sent

        if not getattr(request, "is_preview", False) and not is_sent(self):
            raise Http404
        return super().serve(request, *args, **kwargs)

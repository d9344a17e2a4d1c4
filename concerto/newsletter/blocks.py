"""The DSFR blocks an edition is written with.

Each block renders twice: on the site through its DSFR template, and in the e-mail
through `concerto.newsletter.emails.render_blocks`, which knows the same block names."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False, max_length=200)
    text = blocks.TextBlock(label=_("texte"))

    class Meta:
        label = _("Mise en avant")
        icon = "pick"
        template = "newsletter/blocks/callout.html"


class ButtonBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("libellé"), max_length=100)
    url = blocks.URLBlock(label=_("adresse du lien"))

    class Meta:
        label = _("Bouton lien")
        icon = "link"
        template = "newsletter/blocks/button.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    author = blocks.CharBlock(label=_("auteur"), required=False, max_length=200)

    class Meta:
        label = _("Citation")
        icon = "openquote"
        template = "newsletter/blocks/quote.html"


class EditionBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Titre"), max_length=200, icon="title", template="newsletter/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"),
        features=["bold", "italic", "link", "ol", "ul"],
        template="newsletter/blocks/paragraph.html",
    )
    callout = CalloutBlock()
    button = ButtonBlock()
    quote = QuoteBlock()

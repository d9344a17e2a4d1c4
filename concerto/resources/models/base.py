"""What every page of the resource centre shares: French stems for the search index."""

from wagtail.models import Page
from wagtail.search import index

from concerto.plaintext import html_to_line
from concerto.resources.stemming import french_stems


class ResourcePage(Page):
    """A public page of the resource centre, found by the French search.

    The index holds the page's words and their French stems, so that "concertations"
    finds "concertation" on SQLite too, where FTS5 folds accents but does not stem.
    """

    # A leaf type overrides this with the text the search should read.
    def search_text(self) -> str:
        return ""

    def search_stems(self) -> str:
        return french_stems(f"{self.title} {html_to_line(self.search_text())}")

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.SearchField("search_stems"),
    ]

    # The search results name the kind of resource.
    kind_label = ""

    class Meta:
        abstract = True

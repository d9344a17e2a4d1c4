"""Rich text (HTML) read as plain text, words kept apart.

`strip_tags` alone glues the words on either side of a block boundary:
"<h2>Les étapes</h2><p>Définir la population</p>" becomes "Les étapesDéfinir la
population", which then shows in search excerpts and is indexed as one word.
"""

import html
import re

from django.utils.html import strip_tags

# Tags that end a line of text: paragraphs, headings, list items, line breaks, cells.
_BOUNDARY = re.compile(
    r"<\s*(?:br|/?(?:p|h[1-6]|li|ul|ol|div|blockquote|tr|td|th|table|section|article))\b[^>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def html_to_text(value: str) -> str:
    """The text of `value`, one line per block (paragraph, heading, item, line break)."""
    text = html.unescape(strip_tags(_BOUNDARY.sub("\n", value or "")))
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def html_to_line(value: str) -> str:
    """The text of `value` on one line, blocks separated by a space."""
    return " ".join(html_to_text(value).split())

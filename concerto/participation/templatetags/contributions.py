"""Template filters for showing contributions."""

from django import template
from django.utils.text import Truncator

register = template.Library()

# Enough for a card to say what a contribution is about; the whole text is on its page.
EXCERPT_WORDS = 40
EXCERPT_CHARS = 300


@register.filter
def excerpt(text: str, max_chars: int = EXCERPT_CHARS) -> str:
    """The first words of `text`, at most EXCERPT_WORDS of them and `max_chars`
    characters, cut between two words and ended by an ellipsis when shortened.

    Counting words alone lets a text of very long words (a 20,000-character one without
    spaces) through whole, and counting characters alone cuts a word in two. A single
    word longer than `max_chars` is the one thing cut inside.
    """
    text = " ".join(str(text).split())
    short = Truncator(text).words(EXCERPT_WORDS, truncate="")
    if len(short) > max_chars:
        cut = short[: max_chars + 1]
        space = cut.rfind(" ")
        short = cut[:space] if space > 0 else cut[:max_chars]
    if short == text:
        return text
    return short.rstrip(" ,;:.") + "…"

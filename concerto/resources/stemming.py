"""French stemming shared by the indexing and the query side of the resource search."""

import re
import unicodedata

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("french")
_WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to help ranking; the stems of everything else are kept.
STOP_WORDS = frozenset(
    "au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me "
    "même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta "
    "te tes toi ton tu un une vos votre vous c d j l à m n s t y est sont être comment quoi "
    "quel quelle quels quelles faut".split()
)


def fold(text: str) -> str:
    """Lower case without accents, as SQLite FTS5's default tokenizer reads text."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem_words(text: str) -> list[str]:
    words = [word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS]
    # The stem is prefixed so that it never collides with an ordinary word of the page.
    return [f"rac{fold(stem)}" for stem in _STEMMER.stemWords(words) if stem]


def french_stems(text: str) -> str:
    return " ".join(stem_words(text))

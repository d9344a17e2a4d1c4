"""French normalisation: case, accents, punctuation, stop words and stemming.

Tokens are turned into integer ids once per distinct word, so the rest of the
engine works on numpy arrays; the stemmer runs once per distinct word too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import snowballstemmer

# French stop words (function words and the Grand Débat's filler words). Kept
# short on purpose: "pas", "plus" and "moins" carry meaning in opinions.
STOP_WORDS = frozenset(
    """
    a à au aux avec ce ces cet cette c ça dans de des du d elle elles en et eux il ils
    je j la le les l leur leurs lui ma mais me même mes moi mon m ne n nos notre nous on
    ou où par pour qu que qui quel quelle quels quelles sa se ses son s sur ta te tes toi
    ton t tu un une vos votre vous y est sont été être ai as avons avez ont avait étaient
    fait faire faut doit doivent peut peuvent était sera serait seraient aussi alors
    donc car si comme tout tous toute toutes très bien ainsi cela celà ceci celui celle
    ceux celles dont lorsque quand entre chez vers sans sous selon afin etc là ici
    avoir aurait auraient ont eu cas non oui ras
    faudrait falloir mettre chose choses autre autres encore déjà toujours leurs
    pense crois sais trouve veux voudrais souhaite dire exemple etre niveau suis sommes êtes
    """.split()
)

# Words kept for clustering (they carry the stance of an opinion) but that
# say nothing of what a theme is about, so never part of its label.
LABEL_SKIP = frozenset("pas plus moins trop peu beaucoup rien tous".split())

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
SENTENCE = re.compile(r"(?<=[.!?;\n])\s+")
ELISION = re.compile(r"^(?:[cdjlmnstç]|qu|jusqu|lorsqu|puisqu)['’]")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def canonical(text: str) -> str:
    """The form two texts share when they are exact duplicates: case, accents,
    punctuation and spacing ignored."""
    return " ".join(WORD.findall(strip_accents(text.lower())))


def split_sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text.strip()) if s]


@dataclass
class Vocabulary:
    """Distinct words, their stems and how often each surface form was seen."""

    word_ids: dict[str, int] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    stem_of_word: list[int] = field(default_factory=list)  # -1 for a stop word
    stem_ids: dict[str, int] = field(default_factory=dict)
    stems: list[str] = field(default_factory=list)
    word_counts: Counter = field(default_factory=Counter)

    def display(self, stem_id: int) -> str:
        """The most frequent surface word of a stem, for labels people read."""
        return self._display[stem_id]

    def finish(self) -> None:
        best: dict[int, tuple[int, str]] = {}
        for word_id, stem_id in enumerate(self.stem_of_word):
            if stem_id < 0:
                continue
            count = self.word_counts[word_id]
            # "d'habitation" is shown as "habitation".
            word = ELISION.sub("", self.words[word_id])
            if stem_id not in best or (count, word) > best[stem_id]:
                best[stem_id] = (count, word)
        self._display = {stem_id: word for stem_id, (_, word) in best.items()}


class Tokeniser:
    """Texts to arrays of word ids (all words) with a shared vocabulary."""

    def __init__(self) -> None:
        self.vocabulary = Vocabulary()
        self._stemmer = snowballstemmer.stemmer("french")

    def _add(self, word: str) -> int:
        v = self.vocabulary
        word_id = len(v.words)
        v.word_ids[word] = word_id
        v.words.append(word)
        bare = ELISION.sub("", word)
        if bare in STOP_WORDS or len(bare) < 2 or word in STOP_WORDS:
            v.stem_of_word.append(-1)
        else:
            stem = strip_accents(self._stemmer.stemWord(bare))
            stem_id = v.stem_ids.get(stem)
            if stem_id is None:
                stem_id = v.stem_ids[stem] = len(v.stems)
                v.stems.append(stem)
            v.stem_of_word.append(stem_id)
        return word_id

    def tokens(self, text: str) -> list[int]:
        ids = self.vocabulary.word_ids
        add = self._add
        out = []
        for word in WORD.findall(text.lower()):
            word_id = ids.get(word)
            out.append(add(word) if word_id is None else word_id)
        return out

    def stems(self, word_ids: np.ndarray) -> np.ndarray:
        table = np.asarray(self.vocabulary.stem_of_word, dtype=np.int64)
        stems = table[word_ids]
        return stems[stems >= 0]

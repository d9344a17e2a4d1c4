"""French normalisation: case, accents, punctuation, stop words and stemming.

Tokens are turned into integer ids once per distinct word, so the rest of the
engine works on numpy arrays; the stemmer runs once per distinct word too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import snowballstemmer

STOP_WORDS_FILE = Path(__file__).resolve().parent / "stopwords_fr.txt"


def load_stop_words(path: Path = STOP_WORDS_FILE) -> frozenset[str]:
    """The words of `path` (see its header for their origin), each also without its
    accents and with either apostrophe."""
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.lower().split())
    words |= {strip_accents(w) for w in words}
    words |= {w.replace("'", "’") for w in words}
    return frozenset(words)


# Words kept for clustering (they carry the stance of an opinion) but that
# say nothing of what a theme is about, so never part of its label.
LABEL_SKIP = frozenset("pas plus moins trop peu beaucoup rien tous davantage mieux jamais".split())

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
SENTENCE = re.compile(r"(?<=[.!?;\n])\s+")
ELISION = re.compile(r"^(?:[cdjlmnstç]|qu|jusqu|lorsqu|puisqu)['’]")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# French function words, light and modal verbs ("peux", "faut", "mettre"), and
# fillers: left out of the themes' vocabulary, hence of their labels.
STOP_WORDS = load_stop_words()


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
        forms: dict[int, Counter] = {}
        for word_id, stem_id in enumerate(self.stem_of_word):
            if stem_id < 0:
                continue
            # "d'habitation" is shown as "habitation".
            word = ELISION.sub("", self.words[word_id])
            forms.setdefault(stem_id, Counter())[word] += self.word_counts[word_id]
        self._display = {
            stem_id: max(_fold_plurals(counts).items(), key=lambda item: (item[1], item[0]))[0]
            for stem_id, counts in forms.items()
        }


def _fold_plurals(counts: Counter) -> Counter:
    """A plural counted with its singular when the texts hold both forms of the
    word ("transports" with "transport"), so that labels show the singular."""
    folded = Counter(counts)
    for word, count in counts.items():
        singular = word[:-1]
        if len(word) > 3 and word[-1] in "sx" and singular in counts:
            folded[singular] += count
            del folded[word]
    return folded


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

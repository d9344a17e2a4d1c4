"""One pass over the texts: word ids per text, sentence fingerprints, authors."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from concerto.engines.textmining.model import ProgressCallback
from concerto.engines.textmining.normalise import WORD, Tokeniser, strip_accents

SENTENCE_END = re.compile(r"[.!?;:\n]+")


@dataclass
class Corpus:
    tokeniser: Tokeniser
    ids: np.ndarray  # all word ids, text after text
    offsets: np.ndarray  # text i is ids[offsets[i]:offsets[i + 1]]
    sentence_hash: np.ndarray  # fingerprints of the long-enough sentences
    sentence_doc: np.ndarray  # and the text each comes from
    sentence_first_word: np.ndarray  # position in ids, to show the sentence
    sentence_length: np.ndarray
    author: np.ndarray  # author code per text; anonymous texts get their own code
    n_authors: int

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def words_of(self, doc: int) -> list[str]:
        words = self.tokeniser.vocabulary.words
        return [words[i] for i in self.ids[self.offsets[doc] : self.offsets[doc + 1]]]

    def unaccented_table(self) -> np.ndarray:
        """Word id -> id of its unaccented form: 'élus' and 'elus' are one word."""
        seen: dict[str, int] = {}
        table = [
            seen.setdefault(strip_accents(w), len(seen)) for w in self.tokeniser.vocabulary.words
        ]
        return np.asarray(table, dtype=np.int64)


TERMINATORS = (".", "!", "?", ";", ":", "\n")
TOKEN = re.compile(WORD.pattern + r"|[.!?;:\n]")


def read_corpus(
    texts: list[str],
    authors: list[str | None] | None,
    sentence_min_words: int,
    progress: ProgressCallback,
    seed: int = 0,
) -> Corpus:
    tokeniser = Tokeniser()
    vocabulary = tokeniser.vocabulary
    for mark in TERMINATORS:  # word ids 0-5, never stemmed, mark sentence ends
        tokeniser._add(mark)
    get = vocabulary.word_ids.get
    add = tokeniser._add
    findall = TOKEN.findall
    flat: list[int] = []
    extend = flat.extend
    lengths: list[int] = []
    total = len(texts)
    step = max(1, total // 20)
    for doc, text in enumerate(texts):
        words = findall(text.lower())
        ids = list(map(get, words))
        if None in ids:
            ids = [get(w) if get(w) is not None else add(w) for w in words]
        extend(ids)
        lengths.append(len(ids))
        if doc % step == 0:
            progress("normalisation", doc, total)
    raw = np.asarray(flat, dtype=np.int64)
    del flat
    doc_of = np.repeat(np.arange(total, dtype=np.int64), lengths)
    terminator = raw < len(TERMINATORS)
    # A sentence starts each text and follows each terminator.
    starts = np.ones(raw.size, dtype=bool)
    starts[1:] = terminator[:-1] | (doc_of[1:] != doc_of[:-1])
    sentence_of = np.cumsum(starts) - 1
    keep = ~terminator
    ids, doc_of, sentence_of = raw[keep], doc_of[keep], sentence_of[keep]
    del raw, keep, terminator
    offsets = np.concatenate([[0], np.cumsum(np.bincount(doc_of, minlength=total))])
    n_sentences = int(sentence_of[-1]) + 1 if sentence_of.size else 0
    s_lengths = np.bincount(sentence_of, minlength=n_sentences)
    s_offsets = np.concatenate([[0], np.cumsum(s_lengths)])
    counts = np.bincount(ids, minlength=len(vocabulary.words))
    vocabulary.word_counts.update(dict(enumerate(counts.tolist())))
    vocabulary.finish()
    corpus = Corpus(
        tokeniser=tokeniser,
        ids=ids,
        offsets=offsets.astype(np.int64),
        sentence_hash=np.empty(0, dtype=np.int64),
        sentence_doc=np.empty(0, dtype=np.int64),
        sentence_first_word=np.empty(0, dtype=np.int64),
        sentence_length=np.empty(0, dtype=np.int64),
        author=_author_codes(authors, total),
        n_authors=0,
    )
    corpus.n_authors = int(corpus.author.max(initial=-1)) + 1
    # Sentence fingerprints, computed for all sentences at once.
    long_enough = np.flatnonzero(s_lengths >= sentence_min_words)
    if long_enough.size:
        rng = np.random.default_rng(seed + 2)
        unaccented = corpus.unaccented_table()
        word_value = rng.integers(1, 2**63, size=int(unaccented.max()) + 1, dtype=np.int64)
        position = np.arange(ids.size, dtype=np.int64) - np.repeat(s_offsets[:-1], s_lengths)
        position_value = rng.integers(1, 2**63, size=int(s_lengths.max()) + 1, dtype=np.int64)
        with np.errstate(over="ignore"):
            values = (word_value[unaccented[ids]] * (position_value[position] | 1)).astype(
                np.uint64
            )
        hashes = segment_reduce(values, s_offsets, np.add, np.uint64(0)).view(np.int64)
        corpus.sentence_hash = hashes[long_enough]
        corpus.sentence_first_word = s_offsets[long_enough]
        corpus.sentence_length = s_lengths[long_enough]
        corpus.sentence_doc = doc_of[s_offsets[long_enough]]
    return corpus


def _author_codes(authors: list[str | None] | None, total: int) -> np.ndarray:
    codes = np.empty(total, dtype=np.int64)
    known: dict[str, int] = {}
    next_code = 0
    for doc in range(total):
        name = authors[doc] if authors is not None else None
        if name is None or name == "":
            # Unknown author: counted as one more distinct person.
            codes[doc] = next_code
            next_code += 1
        else:
            code = known.get(name)
            if code is None:
                code = known[name] = next_code
                next_code += 1
            codes[doc] = code
    return codes


def segment_reduce(values: np.ndarray, offsets: np.ndarray, ufunc, empty) -> np.ndarray:
    """ufunc.reduceat over the segments values[offsets[i]:offsets[i+1]], empty ones
    getting `empty` (reduceat alone would repeat a neighbour's value)."""
    n = len(offsets) - 1
    out = np.full(n, empty, dtype=values.dtype)
    lengths = np.diff(offsets)
    nonempty = lengths > 0
    if values.size and nonempty.any():
        out[nonempty] = ufunc.reduceat(values, offsets[:-1][nonempty])
    return out

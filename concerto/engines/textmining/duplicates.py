"""Exact duplicates, with an author's own repeats counted apart from copies by others."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from concerto.engines.textmining.corpus import Corpus, segment_reduce


@dataclass
class Duplicates:
    key: np.ndarray  # 64-bit fingerprint of the canonical text
    group: np.ndarray  # index of the group of identical texts (every text has one)
    first: np.ndarray  # per group: the earliest row
    is_copy: np.ndarray
    is_self_repeat: np.ndarray
    group_size: np.ndarray


def fingerprints(corpus: Corpus, seed: int) -> np.ndarray:
    """A 64-bit fingerprint of each text's canonical form (accents, case and
    punctuation ignored): a random value per word times a random value per position."""
    rng = np.random.default_rng(seed)
    unaccented = corpus.unaccented_table()
    word_value = rng.integers(1, 2**63, size=int(unaccented.max(initial=0)) + 1, dtype=np.int64)
    values = word_value[unaccented[corpus.ids]].astype(np.uint64)
    lengths = corpus.lengths
    positions = np.arange(corpus.ids.size, dtype=np.int64) - np.repeat(corpus.offsets[:-1], lengths)
    max_len = int(lengths.max(initial=0))
    position_value = (rng.integers(1, 2**63, size=max_len + 1, dtype=np.int64) | 1).astype(
        np.uint64
    )
    with np.errstate(over="ignore"):
        values = values * position_value[positions]
        keys = segment_reduce(values, corpus.offsets, np.add, np.uint64(0))
        keys = keys ^ (lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    return keys.view(np.int64)


def find_duplicates(corpus: Corpus, seed: int) -> Duplicates:
    keys = fingerprints(corpus, seed)
    n = keys.size
    _, first_index, group, sizes = np.unique(
        keys, return_index=True, return_inverse=True, return_counts=True
    )
    group = group.reshape(-1)
    is_copy = np.ones(n, dtype=bool)
    is_copy[first_index] = False
    # An author's own repeat: the (author, text) pair was already seen.
    pair = group.astype(np.int64) * (corpus.n_authors + 1) + corpus.author
    _, first_pair = np.unique(pair, return_index=True)
    is_self_repeat = np.ones(n, dtype=bool)
    is_self_repeat[first_pair] = False
    return Duplicates(
        key=keys,
        group=group,
        first=first_index,
        is_copy=is_copy,
        is_self_repeat=is_self_repeat,
        group_size=sizes,
    )

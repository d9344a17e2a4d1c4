"""Typed inputs and outputs of the text-mining engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

# progress(stage, done, total): called between stages and inside long ones.
ProgressCallback = Callable[[str, int, int], None]


class TextMiningError(ValueError):
    """Bad input (unreadable file, missing column): the message is for the user."""


@dataclass(frozen=True)
class Params:
    n_themes: int | None = None  # None: the engine chooses between min and max
    min_themes: int = 4
    max_themes: int = 16
    seed: int = 0
    # A campaign is the same or a near-identical text (or sentence) sent by at
    # least this many distinct authors.
    campaign_min_authors: int = 5
    campaign_min_words: int = 10
    sentence_min_words: int = 8
    sentence_min_share: float = 0.0002  # of all authors, for sentence campaigns
    minhash_permutations: int = 64
    lsh_rows: int = 4
    near_duplicate_jaccard: float = 0.5
    # Few latent dimensions: on the labelled sets of bench/bench_textmining.py,
    # 16 to 32 dimensions separate themes better than 100 (noise dimensions).
    svd_components: int = 32
    max_features: int = 30_000
    quotes_per_theme: int = 3


@dataclass
class Campaign:
    id: int
    kind: str  # "text": near-identical texts; "sentence": one repeated sentence
    size: int  # texts
    authors: int  # distinct authors
    example: int  # row index of a typical text
    sentence: str = ""  # for sentence campaigns, the repeated sentence
    days: dict[int, int] = field(default_factory=dict)  # epoch day -> texts


@dataclass
class Theme:
    id: int
    label: str
    terms: list[str]
    size: int  # texts
    authors: int  # distinct authors
    quotes: list[int]  # row indices


@dataclass
class Analysis:
    n_texts: int
    n_authors: int
    n_empty: int
    # Per input row: exact-duplicate group (-1 when the text is unique), whether the
    # row copies an earlier row, and whether that earlier row was by the same author.
    duplicate_group: np.ndarray
    is_copy: np.ndarray
    is_self_repeat: np.ndarray
    campaign: np.ndarray  # campaign id or -1
    theme: np.ndarray  # theme id or -1 (empty or too short to classify)
    campaigns: list[Campaign]
    themes: list[Theme]
    n_themes_chosen_by_engine: bool = True
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def n_copies(self) -> int:
        return int(self.is_copy.sum())

    @property
    def n_self_repeats(self) -> int:
        return int(self.is_self_repeat.sum())

    @property
    def n_cross_author_copies(self) -> int:
        return self.n_copies - self.n_self_repeats

    @property
    def n_in_campaigns(self) -> int:
        return int((self.campaign >= 0).sum())

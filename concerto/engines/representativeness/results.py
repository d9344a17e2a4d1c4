"""Closed-question results, raw and post-stratified, each labelled with its basis.

`raw` counts participants; `weighted` sums their raking weights (so, with weights
summing to n, weighted counts read as participants too). Shares are over the
respondents of the question: a skipped answer (`MISSING`) is in neither
numerator nor denominator. Single-choice questions only: a multiple-choice
question is one 0/1 question per choice.

`margin_95` is the half-width of a normal 95 % interval for each share, with the
effective sample size (Kish) of the respondents in place of n:
1.96·sqrt(p(1 − p) / n_eff). It ignores the variance the raking itself removes,
so it errs on the wide side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from concerto.engines.representativeness.model import MISSING, RepresentativenessError
from concerto.engines.representativeness.weights import kish_ess

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Tally:
    basis: Literal["raw", "weighted"]
    counts: np.ndarray
    shares: np.ndarray
    respondents: float  # number (raw) or weight total (weighted) of respondents
    effective_n: float  # Kish ESS of the respondents; equals `respondents` when raw
    margin_95: np.ndarray


@dataclass(frozen=True)
class ClosedResults:
    raw: Tally
    weighted: Tally | None  # None when no weights were given


def _tally(basis, answers: np.ndarray, size: int, weights: np.ndarray) -> Tally:
    answered = answers >= 0
    w = weights[answered]
    counts = np.bincount(answers[answered], weights=w, minlength=size)
    respondents = float(w.sum())
    shares = counts / respondents if respondents > 0 else np.zeros(size)
    n_eff = kish_ess(w)
    margin = Z_95 * np.sqrt(shares * (1 - shares) / n_eff) if n_eff > 0 else np.full(size, np.nan)
    if basis == "raw":
        counts = counts.astype(np.int64)
    return Tally(basis, counts, shares, respondents, n_eff, margin)


def closed_results(
    answers: np.ndarray, size: int, weights: np.ndarray | None = None
) -> ClosedResults:
    """Counts and shares of one closed question's `size` choices, raw and weighted."""
    a = np.asarray(answers)
    if a.ndim != 1 or (a.size and (a.min() < MISSING or a.max() >= size)):
        raise RepresentativenessError("code_out_of_range", categories=size)
    raw = _tally("raw", a, size, np.ones(a.size))
    if weights is None:
        return ClosedResults(raw, None)
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != a.shape or np.any(w < 0):
        raise RepresentativenessError("negative_weight", n=a.size)
    return ClosedResults(raw, _tally("weighted", a, size, w))

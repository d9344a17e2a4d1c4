"""Fairness figures of a probability allocation, as in Flanigan et al. (2021)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.model import Quality


def gini(p: NDArray[np.float64]) -> float:
    """Gini coefficient: mean absolute difference over twice the mean (0 = all equal)."""
    if len(p) == 0 or p.mean() == 0:
        return 0.0
    s = np.sort(p)
    n = len(s)
    # Sorted closed form of sum_i sum_j |p_i - p_j| / (2 n^2 mean).
    weights = 2 * np.arange(1, n + 1) - n - 1
    # Clamped: rounding can make a perfectly equal allocation give -1e-17.
    return max(0.0, float((weights @ s) / (n * n * s.mean())))


def geometric_mean(p: NDArray[np.float64]) -> float:
    """Geometric mean; 0 if anyone has probability 0."""
    if len(p) == 0:
        return 0.0
    if (p <= 0).any():
        return 0.0
    return float(np.exp(np.log(p).mean()))


def quality(p: NDArray[np.float64]) -> Quality:
    """Minimum, Gini and geometric mean of the probabilities `p`."""
    return Quality(
        min_probability=float(p.min()) if len(p) else 0.0,
        gini=gini(p),
        geometric_mean=geometric_mean(p),
    )

"""Summaries of a weight vector: Kish's effective sample size and the spread."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def kish_ess(weights: np.ndarray) -> float:
    """Kish's effective sample size (Σw)² / Σw² (0.0 for an empty or all-zero vector).

    It is the number of equally weighted participants that would give the same
    variance for a weighted mean; it equals n when every weight is equal.
    """
    w = np.asarray(weights, dtype=np.float64)
    square_sum = float(np.dot(w, w))
    return float(w.sum()) ** 2 / square_sum if square_sum > 0 else 0.0


@dataclass(frozen=True)
class WeightSpread:
    """How far weights are from equal: the price of correcting the sample.

    `ratio` is max/min (inf when some weight is 0), `cv` the coefficient of
    variation (population standard deviation over mean), `design_effect` Kish's
    n / ESS = 1 + cv².
    """

    n: int
    total: float
    min: float
    max: float
    ratio: float
    cv: float
    ess: float
    design_effect: float


def weight_spread(weights: np.ndarray) -> WeightSpread:
    w = np.asarray(weights, dtype=np.float64)
    n = int(w.size)
    if n == 0:
        return WeightSpread(0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0)
    low, high, mean = float(w.min()), float(w.max()), float(w.mean())
    ess = kish_ess(w)
    return WeightSpread(
        n=n,
        total=float(w.sum()),
        min=low,
        max=high,
        ratio=high / low if low > 0 else float("inf"),
        cv=float(w.std()) / mean if mean > 0 else 0.0,
        ess=ess,
        design_effect=n / ess if ess > 0 else float("inf"),
    )

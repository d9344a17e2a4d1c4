"""From participant positions to opinion groups: base clusters, k choice, refinement.

Stages (Polis's, plus the documented refinement):

1. ~100 base clusters by k-means of the participants (warm-started);
2. for k in 2..5, weighted k-means of the base centres, weighted silhouette;
3. k smoothing: a new k must win `k_buffer` updates in a row;
4. refinement by k-means on the participants, keeping the lowest inertia.

For speed on large conversations, stages 1 and 4's restarts run on a seeded
sample of at most `SAMPLE` participants; everyone is then assigned to the
nearest centre, and stage 4 ends with Lloyd iterations on all participants.
Below `SAMPLE` participants nothing is sampled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from concerto.engines.opinions.clustering import (
    KMeansResult,
    best_of,
    kmeans,
    nearest,
    weighted_silhouette,
)
from concerto.engines.opinions.model import MapParams, WarmState

SAMPLE = 5000
_N_INIT = 8  # seeded restarts; cheap on ≤ 100 base centres and on the sample


@dataclass(frozen=True)
class Grouping:
    """`member[i]` is the group index (0..k-1) of the i-th clustered participant."""

    centers: np.ndarray
    member: np.ndarray
    base_centers: np.ndarray
    silhouettes: dict[int, float]
    k_candidate: int
    k_streak: int


def _choose_k(
    centers: np.ndarray,
    sizes: np.ndarray,
    params: MapParams,
    prev: WarmState | None,
    rng: np.random.Generator,
) -> tuple[dict[int, KMeansResult], dict[int, float]]:
    # Polis caps k at 2 + n_base/12 so that a handful of base clusters is not over-split.
    k_hi = min(params.k_max, len(centers) - 1, 2 + len(centers) // 12)
    fits: dict[int, KMeansResult] = {}
    sil: dict[int, float] = {}
    for k in range(params.k_min, k_hi + 1):
        init = prev.group_centers[:k] if prev is not None and len(prev.group_centers) else None
        fits[k] = best_of(centers, k, sizes, rng, _N_INIT, init=init)
        sil[k] = weighted_silhouette(centers, fits[k].labels, sizes)
    if not fits:  # fewer than k_min + 1 distinct positions: one forced split
        k = min(params.k_min, len(centers))
        fits[k], sil[k] = kmeans(centers, k, sizes, rng=rng), -1.0
    return fits, sil


def _smooth_k(best_k: int, prev: WarmState | None, allowed: dict, buffer: int):
    """Returns (k to use, candidate k, streak of the candidate)."""
    if prev is None or len(prev.group_centers) not in allowed:
        return best_k, best_k, 0
    cur = len(prev.group_centers)
    if best_k == cur:
        return cur, best_k, 0
    streak = prev.k_streak + 1 if prev.k_candidate == best_k else 1
    return (best_k, best_k, 0) if streak >= buffer else (cur, best_k, streak)


def find_groups(
    xy: np.ndarray, params: MapParams, prev: WarmState | None, rng: np.random.Generator
) -> Grouping:
    """Cluster the positions `xy` of the clustered participants into opinion groups."""
    sample = xy
    if len(xy) > SAMPLE:
        sample = xy[np.sort(rng.choice(len(xy), SAMPLE, replace=False))]
    base_init = prev.base_centers if prev is not None and len(prev.base_centers) else None
    n_base = min(params.base_clusters, len(np.unique(sample, axis=0)))
    base = kmeans(sample, n_base, init=base_init, rng=rng)
    sizes = np.bincount(nearest(xy, base.centers), minlength=n_base).astype(float)
    keep = sizes > 0
    centers, sizes = base.centers[keep], sizes[keep]
    fits, sil = _choose_k(centers, sizes, params, prev, rng)
    best_k = max(sil, key=lambda k: (round(sil[k], 12), -k))
    k, cand, streak = _smooth_k(best_k, prev, fits, params.k_buffer)
    # Refinement (a departure from Polis, see the package docstring).
    fit = best_of(sample, k, np.ones(len(sample)), rng, _N_INIT, init=fits[k].centers)
    if sample is not xy:
        fit = kmeans(xy, k, init=fit.centers, rng=rng)
    return Grouping(fit.centers, fit.labels, base.centers, sil, cand, streak)

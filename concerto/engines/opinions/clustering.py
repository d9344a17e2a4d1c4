"""Weighted k-means, weighted silhouette and label matching, in numpy.

Polis clusters in two levels: about 100 "base clusters" of participants, then the
groups as a weighted k-means of the base-cluster centres (weights = member
counts), choosing k in 2..5 by silhouette computed on those centres. This keeps
the silhouette O(100²) whatever the number of participants.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment


@dataclass(frozen=True)
class KMeansResult:
    centers: np.ndarray
    labels: np.ndarray
    inertia: float


def _sq_dists(x: np.ndarray, centers: np.ndarray) -> np.ndarray:
    # Per-dimension broadcasting: with 2-D points it beats the |x|² − 2x·c + |c|² matmul
    # (a BLAS call with an inner dimension of 2) by ~10× and is exact.
    d = np.subtract.outer(x[:, 0], centers[:, 0])
    d *= d
    for i in range(1, x.shape[1]):
        t = np.subtract.outer(x[:, i], centers[:, i])
        t *= t
        d += t
    return d


def nearest(x: np.ndarray, centers: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """Index of the nearest centre of each row, in chunks to bound memory."""
    return (
        np.concatenate(
            [_sq_dists(x[i : i + chunk], centers).argmin(1) for i in range(0, len(x), chunk)]
        )
        if len(x)
        else np.zeros(0, dtype=int)
    )


def kmeans_pp(x: np.ndarray, w: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Weighted k-means++ seeding (deterministic for a given generator state)."""
    first = rng.choice(len(x), p=w / w.sum())
    centers = [x[first]]
    d2 = _sq_dists(x, x[first : first + 1])[:, 0]
    for _ in range(1, k):
        p = d2 * w
        total = p.sum()
        idx = rng.choice(len(x), p=p / total) if total > 0 else int(np.argmax(w))
        centers.append(x[idx])
        d2 = np.minimum(d2, _sq_dists(x, x[idx : idx + 1])[:, 0])
    return np.array(centers)


def kmeans(
    x: np.ndarray,
    k: int,
    weights: np.ndarray | None = None,
    init: np.ndarray | None = None,
    rng: np.random.Generator | None = None,
    max_iter: int = 100,
) -> KMeansResult:
    """Lloyd's k-means with weights; `init` rows are used first, k-means++ fills the rest.

    An empty cluster is re-seeded on the point farthest from its centre, so the
    result always has k non-empty clusters when x has at least k distinct points.
    """
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    rng = rng or np.random.default_rng(0)
    k = min(k, len(x))
    centers = np.empty((0, x.shape[1]))
    if init is not None and len(init):
        centers = np.asarray(init, dtype=float)[:k]
    if len(centers) < k:
        extra = kmeans_pp(x, w, k - len(centers), rng) if len(centers) == 0 else None
        if extra is None:
            # Seed the missing centres far from the given ones (k-means++ continuation).
            extra = []
            d2 = _sq_dists(x, centers).min(1)
            for _ in range(k - len(centers)):
                idx = int(np.argmax(d2 * w))
                extra.append(x[idx])
                d2 = np.minimum(d2, _sq_dists(x, x[idx : idx + 1])[:, 0])
            extra = np.array(extra)
        centers = np.vstack([centers, extra])
    labels = np.full(len(x), -1)
    for _ in range(max_iter):
        d = _sq_dists(x, centers)
        new = d.argmin(1)
        sw = np.bincount(new, weights=w, minlength=k)
        if (sw == 0).any():
            own = np.where(w > 0, d[np.arange(len(x)), new], -1.0)
            for j in np.flatnonzero(sw == 0):
                far = int(np.argmax(own))
                new[far], own[far] = j, -1.0
            sw = np.bincount(new, weights=w, minlength=k)
        # Stop when (almost) nobody moves: the last 0.1 % of moves do not change groups.
        moved = int((new != labels).sum())
        labels = new
        if moved <= len(x) // 1000:
            break
        for dim in range(x.shape[1]):
            s = np.bincount(labels, weights=w * x[:, dim], minlength=k)
            centers[:, dim] = np.where(sw > 0, s / np.maximum(sw, 1e-300), centers[:, dim])
    d = _sq_dists(x, centers)
    inertia = float((d[np.arange(len(x)), labels] * w).sum())
    return KMeansResult(centers, labels, inertia)


def best_of(
    x: np.ndarray,
    k: int,
    weights: np.ndarray,
    rng: np.random.Generator,
    n_init: int,
    init: np.ndarray | None = None,
) -> KMeansResult:
    """Lowest-inertia run among a warm start (if given) and `n_init` seeded runs."""
    runs = [kmeans(x, k, weights, init=init, rng=rng)] if init is not None else []
    runs += [kmeans(x, k, weights, rng=rng) for _ in range(n_init)]
    return min(runs, key=lambda r: r.inertia)


def weighted_silhouette(x: np.ndarray, labels: np.ndarray, w: np.ndarray) -> float:
    """Mean silhouette where point i stands for w[i] identical participants."""
    k = labels.max() + 1
    if k < 2:
        return -1.0
    dist = np.sqrt(_sq_dists(x, x))
    onehot = np.zeros((len(x), k))
    onehot[np.arange(len(x)), labels] = w
    sums = dist @ onehot  # weighted distance from each point to each cluster
    sizes = onehot.sum(0)
    # Co-members of one copy of point i: the other clusters' members plus w[i] − 1 copies.
    own = sizes[labels] - w
    a = sums[np.arange(len(x)), labels] / np.maximum(own + w - 1, 1e-300)
    others = np.divide(sums, sizes[None, :], out=np.full(sums.shape, np.inf), where=sizes > 0)
    others[np.arange(len(x)), labels] = np.inf
    b = others.min(1)
    s = np.where(sizes[labels] > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-300), 0.0)
    return float((s * w).sum() / w.sum())


def match_labels(
    new_centers: np.ndarray, old_centers: np.ndarray, old_labels: np.ndarray
) -> np.ndarray:
    """Labels for the new clusters: the old label of the matched old centre.

    Minimum-total-distance assignment (Hungarian); unmatched new clusters get the
    smallest labels not used by the previous result.
    """
    out = np.full(len(new_centers), -1)
    if len(old_centers):
        rows, cols = linear_sum_assignment(np.sqrt(_sq_dists(new_centers, old_centers)))
        out[rows] = old_labels[cols]
    free = (
        lab
        for lab in range(len(new_centers) + len(old_labels) + 1)
        if lab not in set(old_labels[: len(old_centers)]) and lab not in set(out)
    )
    for i in np.flatnonzero(out < 0):
        out[i] = next(free)
    return out

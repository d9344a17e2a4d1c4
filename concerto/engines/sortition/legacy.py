"""The legacy greedy algorithm (Sortition Foundation's original procedure).

One seat at a time: take the category value whose unmet minimum is largest
relative to the people still available with it, pick one of those people
uniformly at random, then drop everyone who can no longer be taken (a value at
its maximum, the new member's household). A draw that gets stuck is restarted.
It meets the quotas but gives very unequal chances, which is what LEXIMIN fixes;
its probabilities are only known by simulation (`estimate`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled
from concerto.engines.sortition.model import Distribution, SortitionError


class LegacyFailure(SortitionError):
    """The greedy algorithm got stuck in every attempt."""


def draw(cp: Compiled, rng: np.random.Generator, attempts: int = 100) -> NDArray[np.int64]:
    """One panel profile (members per group) drawn by the greedy algorithm."""
    house = np.full(cp.n_groups, -1, dtype=np.int64)
    for h, members in enumerate(cp.households):
        house[list(members)] = h
    A = cp.A.astype(np.float64)
    for _ in range(attempts):
        remaining = cp.sizes.astype(np.int64).copy()
        chosen = np.zeros(cp.n_groups, dtype=np.int64)
        selected = np.zeros(len(cp.lo), dtype=np.int64)
        available = (A @ remaining).astype(np.int64)
        # Values already at their maximum (e.g. max 0) are out from the start.
        full = np.flatnonzero(selected >= cp.hi)
        if len(full):
            out = remaining * (cp.A[full].sum(axis=0) > 0)
            remaining -= out
            available -= (A @ out).astype(np.int64)
        ok = True
        for _seat in range(cp.k):
            need = cp.lo - selected
            if (need > available).any():
                ok = False
                break
            ratio = np.where(available > 0, need / np.maximum(available, 1), -np.inf)
            top = ratio.max()
            if top == -np.inf:
                ok = False
                break
            best = np.flatnonzero(ratio == top)
            f = int(best[rng.integers(len(best))])
            # A uniformly random available person holding value f, through their group.
            cumulative = np.cumsum(remaining * cp.A[f])
            g = int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))
            chosen[g] += 1
            remaining[g] -= 1
            feats = cp.group_features[g]
            selected[feats] += 1
            available[feats] -= 1
            drop = np.zeros(cp.n_groups, dtype=np.int64)
            full = feats[selected[feats] >= cp.hi[feats]]
            if len(full):
                drop += remaining * (cp.A[full].sum(axis=0) > 0)
            if house[g] >= 0:
                mates = [m for m in cp.households[house[g]] if m != g]
                drop[mates] = np.maximum(drop[mates], remaining[mates])
            if drop.any():
                drop = np.minimum(drop, remaining)
                remaining -= drop
                available -= (A @ drop).astype(np.int64)
        if ok and (selected >= cp.lo).all():
            return chosen
    raise LegacyFailure("the greedy algorithm found no panel")


def estimate(cp: Compiled, draws: int, seed: int = 0) -> Distribution:
    """Empirical lottery of `draws` greedy panels (identical profiles merged)."""
    rng = np.random.default_rng(seed)
    counts: dict[bytes, tuple[NDArray[np.int64], int]] = {}
    for _ in range(draws):
        profile = draw(cp, rng)
        key = profile.tobytes()
        prev = counts.get(key)
        counts[key] = (profile, 1 if prev is None else prev[1] + 1)
    profiles = np.array([p for p, _ in counts.values()], dtype=np.int64)
    probs = np.array([c for _, c in counts.values()], dtype=np.float64) / draws
    return Distribution(cp.groups, profiles.reshape(len(counts), cp.n_groups), probs)

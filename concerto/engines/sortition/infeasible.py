"""Explain why no panel meets the quotas and by how much they conflict, as reasons.

First the simple counting conflicts (a minimum above the people available, the
minimums of one category above k, the maximums of one category below k); if
there is none, the conflict is between categories, and an "elastic" integer
program finds the smallest total change to the quotas that makes a panel
possible and reports each change. Reasons are codes and values (`reasons.py`).
"""

from __future__ import annotations

from collections import defaultdict

import highspy
import numpy as np

from concerto.engines.sortition.compiled import Compiled
from concerto.engines.sortition.model import SortitionError
from concerto.engines.sortition.panel_ip import new_highs
from concerto.engines.sortition.reasons import Reason, reason


class InfeasibleQuotasError(SortitionError):
    """No panel meets the quotas; `reasons` say why, for the organiser."""

    def __init__(self, reasons: list[Reason]) -> None:
        self.reasons = reasons
        texts = [r.text() for r in reasons]
        super().__init__("Aucun panel ne respecte les quotas :\n- " + "\n- ".join(texts))


def _quota(cp: Compiled, f: int) -> dict:
    category, value = cp.features[f]
    return {"category": category, "value": value}


def _counting_conflicts(cp: Compiled) -> list[Reason]:
    reasons = []
    available = cp.A @ cp.sizes
    for f in range(len(cp.features)):
        if cp.hi[f] < 0:
            reasons.append(reason("selected_above_maximum", **_quota(cp, f), excess=-cp.hi[f]))
        elif cp.lo[f] > available[f]:
            reasons.append(
                reason(
                    "minimum_above_available",
                    **_quota(cp, f),
                    min=cp.lo[f],
                    available=available[f],
                    missing=cp.lo[f] - available[f],
                )  # fmt: skip
            )
    by_cat: dict[str, list[int]] = defaultdict(list)
    for f, (cat, _) in enumerate(cp.features):
        by_cat[cat].append(f)
    for cat, feats in by_cat.items():
        low = int(cp.lo[feats].sum())
        high = int(np.minimum(np.maximum(cp.hi[feats], 0), available[feats]).sum())
        if low > cp.k:
            reasons.append(
                reason("minimums_above_seats", category=cat, total=low, excess=low - cp.k, k=cp.k)
            )
        if high < cp.k:
            reasons.append(
                reason(
                    "maximums_below_seats", category=cat, total=high, k=cp.k, missing=cp.k - high
                )
            )
    return reasons


def _household_capacity(cp: Compiled) -> int:
    in_house = {g for members in cp.households for g in members}
    singles = int(sum(cp.sizes[g] for g in range(cp.n_groups) if g not in in_house))
    return singles + len(cp.households)


def _elastic(cp: Compiled) -> list[Reason]:
    """Smallest total quota change that admits a panel, one reason per change."""
    n_g, n_f = cp.n_groups, len(cp.features)
    h = new_highs(time_limit=30.0)
    inf = highspy.kHighsInf
    # Columns: group counts, then per quota the lowering of its min, then the raise of its max.
    h.addVars(n_g, np.zeros(n_g), cp.sizes.astype(np.float64))
    h.addVars(2 * n_f, np.zeros(2 * n_f), np.full(2 * n_f, inf))
    h.changeColsIntegrality(
        n_g + 2 * n_f,
        np.arange(n_g + 2 * n_f, dtype=np.int32),
        np.full(n_g + 2 * n_f, highspy.HighsVarType.kInteger),
    )
    h.changeColsCost(2 * n_f, np.arange(n_g, n_g + 2 * n_f, dtype=np.int32), np.ones(2 * n_f))
    h.addRow(cp.k, cp.k, n_g, np.arange(n_g, dtype=np.int32), np.ones(n_g))
    for f in range(n_f):
        idx = np.flatnonzero(cp.A[f])
        cols = np.concatenate([idx, [n_g + f, n_g + n_f + f]]).astype(np.int32)
        h.addRow(cp.lo[f], inf, len(cols), cols, np.concatenate([np.ones(len(idx)), [1.0, 0.0]]))
        h.addRow(-inf, cp.hi[f], len(cols), cols, np.concatenate([np.ones(len(idx)), [0.0, -1.0]]))
    for members in cp.households:
        h.addRow(-inf, 1.0, len(members), np.array(members, dtype=np.int32), np.ones(len(members)))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return []
    x = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
    reasons = []
    for f in range(n_f):
        down, up = x[n_g + f], x[n_g + n_f + f]
        if down:
            reasons.append(
                reason("lower_minimum", **_quota(cp, f), by=down, old=cp.lo[f], new=cp.lo[f] - down)
            )
        if up:
            reasons.append(
                reason("raise_maximum", **_quota(cp, f), by=up, old=cp.hi[f], new=cp.hi[f] + up)
            )
    if reasons:
        reasons.insert(0, reason("quotas_conflict", total=int(x[n_g:].sum())))
    return reasons


def explain(cp: Compiled) -> list[Reason]:
    """Why `cp` has no panel (empty if a panel does exist)."""
    reasons = _counting_conflicts(cp)
    if reasons:
        return reasons
    if cp.households and _household_capacity(cp) < cp.k:
        return [reason("households_too_few", capacity=_household_capacity(cp), k=cp.k)]
    return _elastic(cp)

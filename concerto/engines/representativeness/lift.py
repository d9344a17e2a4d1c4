"""Who says what: which groups over- or under-represent each answer (or theme).

For a table of counts n[g, a] (group g, answer a) and group sizes N[g] (by default
the row sums; pass them for multi-label tables such as themes, where one
contribution can carry several), with N = ΣN[g] and n[a] = Σ_g n[g, a]:

    lift[g, a] = P(a | g) / P(a) = (n[g, a] / N[g]) / (n[a] / N)

A lift above 1 means group g gives answer a more often than everyone does.

Significance compares g with everyone else (not with the pooled total, which
contains g) on the 2 × 2 table [n[g,a], N[g] − n[g,a]; n[a] − n[g,a], rest]:
the two-proportion z-test (pooled variance, two-sided; the same as Pearson's
chi-square without continuity correction) when every expected count of that
table is at least 5, Fisher's exact test (two-sided, scipy) otherwise.

Only cells with n[g, a] ≥ `min_cell` (default 10, the disclosure threshold) are
tested, the others get no p-value; the family for the multiple-comparisons
correction is every tested cell of the table. The correction is Holm's
step-down (controls the family-wise error rate) by default, or
Benjamini–Hochberg (controls the false discovery rate) with `correction="bh"`.
A cell is flagged "over" or "under" when its adjusted p-value is below `alpha`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.stats import fisher_exact

from concerto.engines.representativeness.model import RepresentativenessError

CORRECTIONS = ("holm", "bh")


@dataclass(frozen=True)
class CellTest:
    group: int
    answer: int
    count: int
    group_size: int
    share_in_group: float  # P(a | g)
    share_overall: float  # P(a)
    lift: float | None  # None when P(a) = 0 or the group is empty
    test: str | None  # "z", "fisher", or None when below min_cell
    p_value: float | None
    p_adjusted: float | None
    direction: str | None  # "over", "under" or None (not significant or not tested)


@dataclass(frozen=True)
class WhoSaysWhat:
    cells: tuple[CellTest, ...]
    correction: str
    alpha: float
    min_cell: int
    tested: int

    def cell(self, group: int, answer: int) -> CellTest:
        return next(c for c in self.cells if c.group == group and c.answer == answer)


def adjust(p_values: list[float], correction: str) -> list[float]:
    """Holm or Benjamini–Hochberg adjusted p-values, in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    if correction == "holm":
        running = 0.0
        for rank, i in enumerate(order):
            running = max(running, min(1.0, (m - rank) * p_values[i]))
            adjusted[i] = running
    elif correction == "bh":
        running = 1.0
        for rank in range(m - 1, -1, -1):
            i = order[rank]
            running = min(running, m * p_values[i] / (rank + 1))
            adjusted[i] = min(1.0, running)
    else:
        raise RepresentativenessError("unknown_correction", correction=correction)
    return adjusted


def two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of the pooled two-proportion z-test."""
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    z = (x1 / n1 - x2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


def _test(a: int, b: int, c: int, d: int) -> tuple[str, float]:
    n = a + b + c + d
    rows, cols = (a + b, c + d), (a + c, b + d)
    if min(r * k for r in rows for k in cols) / n >= 5:
        return "z", two_proportion_p(a, a + b, c, c + d)
    return "fisher", float(fisher_exact([[a, b], [c, d]]).pvalue)


def who_says_what(
    table: np.ndarray,
    *,
    group_sizes: np.ndarray | None = None,
    min_cell: int = 10,
    alpha: float = 0.05,
    correction: str = "holm",
) -> WhoSaysWhat:
    """Lift, test and corrected significance of every group × answer cell."""
    counts = np.asarray(table, dtype=np.int64)
    if counts.ndim != 2 or np.any(counts < 0):
        raise RepresentativenessError("invalid_table", shape=tuple(counts.shape))
    if correction not in CORRECTIONS:
        raise RepresentativenessError("unknown_correction", correction=correction)
    sizes = counts.sum(1) if group_sizes is None else np.asarray(group_sizes, dtype=np.int64)
    if sizes.shape != (counts.shape[0],) or np.any(counts > sizes[:, None]):
        raise RepresentativenessError("invalid_table", shape=tuple(counts.shape))
    total = int(sizes.sum())
    answer_totals = counts.sum(0)
    pending: list[dict] = []
    for g in range(counts.shape[0]):
        for a in range(counts.shape[1]):
            n_ga, n_g, n_a = int(counts[g, a]), int(sizes[g]), int(answer_totals[a])
            in_group = n_ga / n_g if n_g else 0.0
            overall = n_a / total if total else 0.0
            row = {
                "group": g,
                "answer": a,
                "count": n_ga,
                "group_size": n_g,
                "share_in_group": in_group,
                "share_overall": overall,
                "lift": in_group / overall if overall > 0 and n_g > 0 else None,
                "test": None,
                "p_value": None,
            }
            rest = total - n_g
            if n_ga >= min_cell and rest > 0:
                row["test"], row["p_value"] = _test(
                    n_ga, n_g - n_ga, n_a - n_ga, rest - (n_a - n_ga)
                )
            pending.append(row)
    tested = [r for r in pending if r["test"] is not None]
    for r, p_adj in zip(tested, adjust([r["p_value"] for r in tested], correction), strict=True):
        r["p_adjusted"] = p_adj
    cells = []
    for r in pending:
        p_adj = r.pop("p_adjusted", None)
        direction = None
        if p_adj is not None and p_adj < alpha and r["lift"] is not None and r["lift"] != 1:
            direction = "over" if r["lift"] > 1 else "under"
        cells.append(CellTest(**r, p_adjusted=p_adj, direction=direction))
    return WhoSaysWhat(tuple(cells), correction, alpha, min_cell, len(tested))

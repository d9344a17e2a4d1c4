"""Why raking failed: the closest margins any non-negative weights can reach.

Iterative proportional fitting converges to the target margins exactly when some
weighting of the answer patterns present reaches them (Csiszár 1975); when none
does, it oscillates or creeps forever. An elastic linear programme settles which
case holds: find pattern weights x ≥ 0 summing to 1 (within the trimming bounds,
if any) that minimise Σ|achieved share − target share| over every category. A
positive optimum proves the margins contradictory and names the categories that
cannot be met, with the closest share they can reach (one closest weighting among
possibly several).

With skipped answers, a share constraint "Σ answer c = t · Σ respondents" also
holds trivially when the respondents of that question get no weight at all; raking
keeps each question's respondents' weight in its own step and never goes there.
So the programme keeps at least `RESPONDENT_FLOOR` (a tenth) of each question's
base respondent weight on its respondents: margins that can only hold by
starving a question's respondents count as contradictory.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

RESPONDENT_FLOOR = 0.1
# Below this total slack (in shares) the margins count as attainable.
FEASIBLE_SLACK = 1e-7


def closest_margins(
    codes: np.ndarray,
    base: np.ndarray,
    targets: list[np.ndarray],
    bounds: tuple[float, float] | None,
) -> tuple[float, list[np.ndarray]]:
    """(total slack, closest achieved shares per question) over pattern weights.

    `codes` are the patterns' answers, `base` their base-weight totals (summing to
    1); with `bounds` (lower, upper), pattern p's weight must lie within
    [lower·base[p], upper·base[p]], the trimming rule of `rake`.
    """
    n_patterns = codes.shape[0]
    rows, cols, vals = [], [], []
    row = 0
    for q, target in enumerate(targets):
        answered = codes[:, q] >= 0
        for c, share in enumerate(target):
            # Σ_{p: answer c} x_p − share · Σ_{p: answered} x_p = 0, elastic.
            coef = np.where(answered, -share, 0.0) + (codes[:, q] == c)
            nz = np.flatnonzero(coef)
            rows.append(np.full(nz.size, row))
            cols.append(nz)
            vals.append(coef[nz])
            row += 1
    n_rows = row
    slack_cols = n_patterns + np.arange(2 * n_rows)
    rows.append(np.concatenate([np.arange(n_rows), np.arange(n_rows)]))
    cols.append(slack_cols)
    vals.append(np.concatenate([np.ones(n_rows), -np.ones(n_rows)]))
    rows.append(np.full(n_patterns, n_rows))
    cols.append(np.arange(n_patterns))
    vals.append(np.ones(n_patterns))
    a_eq = sp.csr_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_rows + 1, n_patterns + 2 * n_rows),
    )
    b_eq = np.zeros(n_rows + 1)
    b_eq[n_rows] = 1.0
    cost = np.concatenate([np.zeros(n_patterns), np.ones(2 * n_rows)])
    if bounds is None:
        var_bounds = [(0.0, None)] * n_patterns
    else:
        var_bounds = [(bounds[0] * b, bounds[1] * b) for b in base]
    var_bounds += [(0.0, None)] * (2 * n_rows)
    floors = []
    for q in range(len(targets)):
        answered = (codes[:, q] >= 0).astype(np.float64)
        floors.append(np.concatenate([-answered, np.zeros(2 * n_rows)]))
    a_ub = np.array(floors)
    b_ub = np.array([-RESPONDENT_FLOOR * base[codes[:, q] >= 0].sum() for q in range(len(targets))])
    result = linprog(
        cost,
        A_ub=sp.csr_array(a_ub),
        b_ub=b_ub,
        A_eq=a_eq,
        b_eq=b_eq,
        bounds=var_bounds,
        method="highs",
    )
    if result.status != 0:
        # Only the trimming bounds can make the programme itself infeasible
        # (they cannot sum to 1): nothing is attainable.
        return float("inf"), [np.full(len(t), np.nan) for t in targets]
    x = result.x[:n_patterns]
    achieved = []
    for q, target in enumerate(targets):
        answered = codes[:, q] >= 0
        sums = np.bincount(codes[answered, q], weights=x[answered], minlength=len(target))
        total = sums.sum()
        achieved.append(sums / total if total > 0 else np.full(len(target), np.nan))
    return float(result.fun), achieved

"""The Carathéodory walk that realises a LEXIMIN target as a lottery over panels,
tried before column generation (see `leximin.py`)."""

from __future__ import annotations

import highspy
import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled
from concerto.engines.sortition.local_search import repair_rows
from concerto.engines.sortition.panel_ip import PanelOracle

# Faster realisation, tried first: a Carathéodory walk. From the target point x
# (expected members per group), find an integral panel v in the smallest face of
# the quota polytope that contains x (the IP keeps every tight bound, quota and
# household row tight), then move away from v, x' = x + mu (x - v), as far as the
# polytope allows, so that x = (1 - theta) x' + theta v with theta = mu / (1 + mu).
# Every step makes at least one more constraint tight, and the mass left on x'
# shrinks geometrically; once it is below WALK_MASS the remainder goes to the last
# panel, which moves the marginals by less than WALK_MASS. No master LP at all: a
# few hundred steps instead of thousands of column-generation rounds. Each step's
# panel comes from the face's LP (a warm-started simplex, ~10 ms for 2,000 groups,
# whose vertex is often integral or a few swaps from a panel); the panel IP
# (0.1-3 s) only runs when that fails: on the Convention pool, never. If some face
# has no integral panel, the walk gives up and column generation runs.
WALK_MASS = 1e-9
# Relative gap of the walk's IPs: any panel of the face is valid, the objective
# only makes the steps longer.
WALK_GAP = 0.1
# LP values this close to an integer count as integral.
INT_TOL = 1e-6


def _repair(
    cp: Compiled,
    v: NDArray[np.int64],
    weights: NDArray[np.float64],
    col_lo: NDArray[np.float64],
    col_hi: NDArray[np.float64],
    row_lo: NDArray[np.float64],
    row_hi: NDArray[np.float64],
) -> NDArray[np.int64] | None:
    """The previous panel with its now-excluded members swapped out, or None.

    A step usually only empties a few groups of the last panel: replacing each such
    member by the best-weighted group whose swap keeps every quota row within its
    (face) bounds gives a panel of the new face in microseconds instead of an IP.
    None when that fails (the caller then runs the IP). Not used with households.
    """
    c = v.copy()
    if (c < col_lo).any():
        return None
    counts = cp.A @ c
    gf = cp.group_features
    for g_out in np.flatnonzero(c > col_hi):
        for _ in range(int(c[g_out] - col_hi[g_out])):
            f_out = gf[g_out]
            cand = np.flatnonzero((c < col_hi) & (weights > -np.inf))
            if len(cand) == 0:
                return None
            f_in = gf[cand]
            same = f_in == f_out
            ok = same | ((counts[f_out] - 1 >= row_lo[f_out]) & (counts[f_in] + 1 <= row_hi[f_in]))
            cand = cand[ok.all(axis=1)]
            if len(cand) == 0:
                return None
            g_in = int(cand[np.argmax(weights[cand])])
            c[g_out] -= 1
            c[g_in] += 1
            counts[gf[g_out]] -= 1
            counts[gf[g_in]] += 1
    if (counts < row_lo).any() or (counts > row_hi).any() or (c > col_hi).any():
        return None
    return c


def _set_face(
    model: highspy.Highs,
    col_lo: NDArray[np.float64],
    col_hi: NDArray[np.float64],
    row_lo: NDArray[np.float64],
    row_hi: NDArray[np.float64],
    house_lo: NDArray[np.float64],
) -> None:
    """Bounds of the walk's current face on a panel model (rows: k, quotas, households)."""
    n, nf, nh = len(col_lo), len(row_lo), len(house_lo)
    model.changeColsBounds(n, np.arange(n, dtype=np.int32), col_lo, col_hi)
    model.changeRowsBounds(nf, np.arange(1, nf + 1, dtype=np.int32), row_lo, row_hi)
    if nh:
        rows = np.arange(nf + 1, nf + 1 + nh, dtype=np.int32)
        model.changeRowsBounds(nh, rows, house_lo, np.ones(nh))


def _round(x: NDArray[np.float64], k: int) -> NDArray[np.int64]:
    """Integer counts near `x` (an LP vertex) summing to k: the largest fractions round up."""
    c = np.floor(x + INT_TOL).astype(np.int64)
    frac = x - c
    need = k - int(c.sum())
    if need > 0:
        c[np.argsort(-frac)[:need]] += 1
    return c


def _from_lp(
    cp: Compiled, lp: highspy.Highs, w: NDArray[np.float64]
) -> tuple[NDArray[np.int64] | None, NDArray[np.int64] | None]:
    """(panel, None) if the face's LP optimum is integral, else (None, its rounding).

    The rounding (k members, largest fractions up) is the start of the swap repair.
    The LP has the same rows and bounds as the IP, so an integral optimum meets
    every quota, household and face constraint.
    """
    n = cp.n_groups
    lp.changeColsCost(n, np.arange(n, dtype=np.int32), w)
    lp.run()
    if lp.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None, None
    x = np.asarray(lp.getSolution().col_value)
    c = np.rint(x).astype(np.int64)
    if float(np.max(np.abs(x - c), initial=0.0)) <= INT_TOL and int(c.sum()) == cp.k:
        return c, None
    return None, _round(x, cp.k)


def walk(
    cp: Compiled,
    target: NDArray[np.float64],
    max_steps: int,
    counts: dict[str, float] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.float64]] | None:
    """Panels and probabilities with marginals `target` (within WALK_MASS); None if stuck.

    Each step's panel comes from the cheapest source that works: the LP relaxation
    of the face (warm-started simplex, often integral already), its rounding
    repaired by swaps (`repair_rows`), the previous panel repaired, and only then
    the panel IP. `counts` (if given) receives how many steps each source served.
    """
    n, nh = cp.n_groups, len(cp.households)
    s = cp.sizes.astype(np.float64)
    lo, hi = cp.lo.astype(np.float64), cp.hi.astype(np.float64)
    oracle = PanelOracle(cp, mip_gap=WALK_GAP)
    # Most groups get fixed along the walk: presolve then shrinks the IPs a lot.
    oracle.highs.setOptionValue("presolve", "on")
    h = oracle.highs
    # Same model, continuous: its simplex basis carries over from step to step.
    lp = PanelOracle(cp).highs
    lp.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kContinuous)
    )
    tally = {"walk_lp": 0.0, "walk_rounded": 0.0, "walk_repaired": 0.0, "walk_ip": 0.0}
    house = np.zeros((nh, n))
    for r, members in enumerate(cp.households):
        house[r, list(members)] = 1.0
    x = target * s
    mass = 1.0
    panels: list[NDArray[np.int64]] = []
    weights: list[float] = []
    for _ in range(max_steps):
        # Floating-point error in x grows like 1/mass; its effect on the lottery
        # (mass * error) does not, so tightness is judged at that scale.
        tol = min(1e-4, max(1e-9, 1e-11 / mass))
        at_lo, at_hi = x <= tol, x >= s - tol
        x[at_lo] = 0.0
        x[at_hi] = s[at_hi]
        col_lo, col_hi = np.where(at_hi, s, 0.0), np.where(at_lo, 0.0, s)
        r = cp.A @ x
        r_lo, r_hi = r - lo <= tol, hi - r <= tol
        row_lo, row_hi = np.where(r_hi, hi, lo), np.where(r_lo, lo, hi)
        hr = house @ x
        h_full = hr >= 1.0 - tol
        # Log weights avoid members with little mass left, which would cut the step short.
        w = np.where(at_lo, 0.0, np.log(np.maximum(x / s, 1e-300)))
        house_lo = np.where(h_full, 1.0, -highspy.kHighsInf)
        _set_face(lp, col_lo, col_hi, row_lo, row_hi, house_lo)
        v, rounded = _from_lp(cp, lp, w)
        if v is not None:
            tally["walk_lp"] += 1
        elif nh == 0:
            if rounded is not None:
                v = repair_rows(cp, rounded, w, col_lo, col_hi, row_lo, row_hi)
                if v is not None:
                    tally["walk_rounded"] += 1
            if v is None and panels:
                v = _repair(cp, panels[-1], w, col_lo, col_hi, row_lo, row_hi)
                if v is not None:
                    tally["walk_repaired"] += 1
        if v is None:
            _set_face(h, col_lo, col_hi, row_lo, row_hi, house_lo)
            found = oracle.best(w)
            tally["walk_ip"] += 1
            if found is None:
                return None
            v = found[0]
        if mass <= WALK_MASS:
            panels.append(v)
            weights.append(mass)
            break
        d = x - v
        steps = [np.inf]
        free = ~(at_lo | at_hi)
        down, up = free & (d < 0), free & (d > 0)
        steps.append(np.min(x[down] / -d[down], initial=np.inf))
        steps.append(np.min((s[up] - x[up]) / d[up], initial=np.inf))
        rd = r - cp.A @ v
        down, up = ~r_lo & (rd < 0), ~r_hi & (rd > 0)
        steps.append(np.min((r[down] - lo[down]) / -rd[down], initial=np.inf))
        steps.append(np.min((hi[up] - r[up]) / rd[up], initial=np.inf))
        if nh:
            hd = hr - house @ v
            up = ~h_full & (hd > 0)
            steps.append(np.min((1.0 - hr[up]) / hd[up], initial=np.inf))
        mu = max(min(steps), 0.0)
        if not np.isfinite(mu):  # x is the panel v itself
            panels.append(v)
            weights.append(mass)
            break
        if mu <= 1e-12:
            return None  # no progress: numerical trouble, let column generation decide
        panels.append(v)
        weights.append(mass * mu / (1.0 + mu))
        mass /= 1.0 + mu
        x = x + mu * d
    else:
        return None
    if counts is not None:
        counts.update(tally)
    lam = np.array(weights)
    return np.array(panels, dtype=np.int64), lam / lam.sum()

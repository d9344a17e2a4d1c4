"""The Carathéodory walk that realises a LEXIMIN target as a lottery over panels,
tried before column generation (see `leximin.py`)."""

from __future__ import annotations

import highspy
import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled
from concerto.engines.sortition.panel_ip import PanelOracle

# Faster realisation, tried first: a Carathéodory walk. From the target point x
# (expected members per group), find an integral panel v in the smallest face of
# the quota polytope that contains x (the IP keeps every tight bound, quota and
# household row tight), then move away from v, x' = x + mu (x - v), as far as the
# polytope allows, so that x = (1 - theta) x' + theta v with theta = mu / (1 + mu).
# Every step makes at least one more constraint tight, and the mass left on x'
# shrinks geometrically; once it is below WALK_MASS the remainder goes to the last
# panel, which moves the marginals by less than WALK_MASS. No master LP at all: a
# few hundred panel IPs instead of thousands of column-generation rounds. If some
# face has no integral panel, the walk gives up and column generation runs.
WALK_MASS = 1e-9
# Relative gap of the walk's IPs: any panel of the face is valid, the objective
# only makes the steps longer.
WALK_GAP = 0.1


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


def walk(
    cp: Compiled, target: NDArray[np.float64], max_steps: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]] | None:
    """Panels and probabilities with marginals `target` (within WALK_MASS); None if stuck."""
    n, nf, nh = cp.n_groups, len(cp.features), len(cp.households)
    s = cp.sizes.astype(np.float64)
    lo, hi = cp.lo.astype(np.float64), cp.hi.astype(np.float64)
    oracle = PanelOracle(cp, mip_gap=WALK_GAP)
    # Most groups get fixed along the walk: presolve then shrinks the IPs a lot.
    oracle.highs.setOptionValue("presolve", "on")
    h = oracle.highs
    cols = np.arange(n, dtype=np.int32)
    quota_rows = np.arange(1, nf + 1, dtype=np.int32)
    house_rows = np.arange(nf + 1, nf + 1 + nh, dtype=np.int32)
    house = np.zeros((nh, n))
    for r, members in enumerate(cp.households):
        house[r, list(members)] = 1.0
    x = target * s
    mass = 1.0
    panels: list[NDArray[np.int64]] = []
    weights: list[float] = []
    repairs = 0
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
        repaired = None
        if panels and not nh:
            repaired = _repair(cp, panels[-1], w, col_lo, col_hi, row_lo, row_hi)
        if repaired is not None:
            v = repaired
            repairs += 1
        else:
            h.changeColsBounds(n, cols, col_lo, col_hi)
            h.changeRowsBounds(nf, quota_rows, row_lo, row_hi)
            if nh:
                h.changeRowsBounds(
                    nh, house_rows, np.where(h_full, 1.0, -highspy.kHighsInf), np.ones(nh)
                )
            found = oracle.best(w)
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
    lam = np.array(weights)
    return np.array(panels, dtype=np.int64), lam / lam.sum()

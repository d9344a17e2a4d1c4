"""Fast heuristic panel improvement by single swaps (one member out, one in).

Column generation needs *an* improving panel far more often than it needs a
proof that none exists; swaps from the best known panel find one in
milliseconds, and the exact integer program (`panel_ip.py`) is only called when
the swaps get stuck. Every swap keeps the panel feasible, so the result always
meets the quotas and the household rule.

`repair_rows` goes the other way, for the LEXIMIN walk: from a rounded LP
vertex that breaks a few quotas, swaps towards a panel that meets them all.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled

# Candidate swaps examined per step (best first).
MAX_PAIRS = 48
# Members considered for leaving, and groups for joining, per step (lowest/highest weights).
SHORTLIST = 64


class SwapSearch:
    """Best-improvement 1-swap local search over profiles of one compiled problem."""

    def __init__(self, cp: Compiled) -> None:
        self.cp = cp
        self.gf = cp.group_features
        self.house = np.full(cp.n_groups, -1, dtype=np.int64)
        for h, members in enumerate(cp.households):
            self.house[list(members)] = h
        self.n_houses = len(cp.households)

    def improve(
        self, profile: NDArray[np.int64], weights: NDArray[np.float64], max_steps: int = 500
    ) -> tuple[NDArray[np.int64], float]:
        """Apply improving swaps to a copy of feasible `profile`; return it with its value."""
        cp = self.cp
        c = profile.copy()
        counts = cp.A @ c
        house_used = np.bincount(self.house[c > 0][self.house[c > 0] >= 0], minlength=self.n_houses)
        for _ in range(max_steps):
            out_groups = np.flatnonzero(c > 0)
            if len(out_groups) > SHORTLIST:
                # The cheapest members are the ones worth swapping out.
                part = np.argpartition(weights[out_groups], SHORTLIST)[:SHORTLIST]
                out_groups = out_groups[part]
            w_out = weights[out_groups]
            # Only groups that beat the cheapest member can give an improving swap.
            cand = np.flatnonzero((c < cp.sizes) & (weights > w_out.min() + 1e-12))
            if len(cand) == 0:
                break
            if self.n_houses:
                hh = self.house[cand]
                cand = cand[(hh < 0) | (house_used[np.maximum(hh, 0)] == 0)]
                if len(cand) == 0:
                    break
            if len(cand) > SHORTLIST:
                cand = cand[np.argpartition(-weights[cand], SHORTLIST)[:SHORTLIST]]
            delta = weights[cand][None, :] - w_out[:, None]
            rows, cols = np.nonzero(delta > 1e-12)
            if len(rows) == 0:
                break
            g_out, g_in = out_groups[rows], cand[cols]
            f_out, f_in = self.gf[g_out], self.gf[g_in]
            ok = (f_out == f_in) | ((counts[f_out] > cp.lo[f_out]) & (counts[f_in] < cp.hi[f_in]))
            ok = ok.all(axis=1) & (g_out != g_in)
            if not ok.any():
                break
            # Apply the best swap and then every further improving swap that changes
            # none of the quotas, groups or households already touched in this step:
            # each stays feasible, and a step makes many moves at the cost of one.
            good = np.flatnonzero(ok)
            order = good[np.argsort(-delta[rows[good], cols[good]])][:MAX_PAIRS]
            changed = f_out[order] != f_in[order]
            touched_f: set[int] = set()
            touched_g: set[int] = set()
            touched_h: set[int] = set()
            for j, idx in enumerate(order.tolist()):
                go, gi = int(g_out[idx]), int(g_in[idx])
                if go in touched_g or gi in touched_g:
                    continue
                feats = {*f_out[idx][changed[j]].tolist(), *f_in[idx][changed[j]].tolist()}
                if feats & touched_f:
                    continue
                ho, hi_ = int(self.house[go]), int(self.house[gi])
                if (ho >= 0 and ho in touched_h) or (hi_ >= 0 and hi_ in touched_h):
                    continue
                touched_f |= feats
                touched_g.update((go, gi))
                touched_h.update((ho, hi_))
                c[go] -= 1
                c[gi] += 1
                counts[self.gf[go]] -= 1
                counts[self.gf[gi]] += 1
                if ho >= 0:
                    house_used[ho] -= 1
                if hi_ >= 0:
                    house_used[hi_] += 1
        return c, float(weights @ c)


# Swaps tried by `repair_rows` before the caller falls back to the integer program.
REPAIR_MOVES = 60
# Groups considered for joining the panel per repair move (best scores first).
REPAIR_SHORTLIST = 96
# Recently moved groups that may not move again (keeps plateau moves from cycling).
REPAIR_TABU = 8


def _violation(counts: NDArray[np.int64], lo: NDArray[np.int64], hi: NDArray[np.int64]):
    return np.maximum(0, np.maximum(lo - counts, counts - hi))


def repair_rows(
    cp: Compiled,
    c: NDArray[np.int64],
    weights: NDArray[np.float64],
    col_lo: NDArray[np.int64],
    col_hi: NDArray[np.int64],
    row_lo: NDArray[np.int64],
    row_hi: NDArray[np.int64],
) -> NDArray[np.int64] | None:
    """A profile within the column and quota bounds reached from `c` by swaps, or None.

    None when REPAIR_MOVES swaps did not get there (the walk then runs the IP).

    `c` must have k members and respect the column bounds (the walk passes its rounded
    LP vertex, which violates only a few quota rows by one or two). Each move swaps
    one member out and one in, choosing the swap that most reduces the total quota
    violation (ties: the higher-weighted group joins), or, when none does, a random
    least-bad one (tabu search). Households are not handled.
    A swap changes, in each category where the two groups differ, one row down and
    one row up, so its effect on the violation is a sum of per-row terms.
    """
    c = c.copy()
    gf = cp.group_features
    counts = cp.A @ c
    rng = np.random.default_rng(0)
    tabu: list[int] = []
    for _ in range(REPAIR_MOVES):
        viol = _violation(counts, row_lo, row_hi)
        if not viol.any():
            return c
        d_out = _violation(counts - 1, row_lo, row_hi) - viol
        d_in = _violation(counts + 1, row_lo, row_hi) - viol
        out = np.flatnonzero(c > col_lo)
        cand = np.flatnonzero(c < col_hi)
        if len(out) == 0 or len(cand) == 0:
            return None
        w = weights[cand]
        in_score = d_in[gf[cand]].sum(axis=1) - 0.5 * (w - w.min()) / (np.ptp(w) + 1e-12)
        if len(cand) > REPAIR_SHORTLIST:
            cand = cand[np.argpartition(in_score, REPAIR_SHORTLIST)[:REPAIR_SHORTLIST]]
        fo, fi = gf[out][:, None, :], gf[cand][None, :, :]
        differ = fo != fi
        delta = (differ * (d_out[fo] + d_in[fi])).sum(axis=2).astype(np.float64)
        delta[out[:, None] == cand[None, :]] = np.inf
        # Undoing a recent move would cycle on a plateau.
        delta[np.isin(out, tabu), :] = np.inf
        delta[:, np.isin(cand, tabu)] = np.inf
        best = float(delta.min())
        if not np.isfinite(best):
            return None
        if best < -0.5:
            # Prefer, among equal repairs, swaps that keep the panel's weight high.
            delta += 1e-6 * (weights[out][:, None] - weights[cand][None, :])
            i, j = np.unravel_index(int(np.argmin(delta)), delta.shape)
        else:
            # Plateau or local minimum (equality rows make every single swap break
            # something): a random least-bad swap, the tabu list keeps it from
            # being undone at once, so the search can leave the minimum.
            ii, jj = np.nonzero(delta < best + 0.5)
            pick = int(rng.integers(len(ii)))
            i, j = ii[pick], jj[pick]
        g_out, g_in = int(out[i]), int(cand[j])
        tabu = [*tabu[-(REPAIR_TABU - 2) :], g_out, g_in]
        c[g_out] -= 1
        c[g_in] += 1
        counts[gf[g_out]] -= 1
        counts[gf[g_in]] += 1
    return None

"""Fast heuristic panel improvement by single swaps (one member out, one in).

Column generation needs *an* improving panel far more often than it needs a
proof that none exists; swaps from the best known panel find one in
milliseconds, and the exact integer program (`panel_ip.py`) is only called when
the swaps get stuck. Every swap keeps the panel feasible, so the result always
meets the quotas and the household rule.
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

"""LEXIMIN selection by column generation (Flanigan et al., Nature 596, 2021).

LEXIMIN maximises the smallest selection probability, then the second smallest,
and so on. Level by level, a restricted dual LP over the panels found so far
gives prices y per group; the panel integer program then looks for a panel
whose priced value exceeds the dual bound. If one exists it is added (a new
dual row); if not, the level is optimal, and by complementary slackness every
group with a positive price has exactly the level's probability in every
optimal lottery, so those groups are fixed at it. A final primal LP finds the
panel probabilities that realise the fixed values.

Fast path tried first: the LEXIMIN of the LP relaxation (fractional counts under
the same quotas) bounds the true LEXIMIN from above; if a lottery over real
panels has exactly those marginals, it is the exact LEXIMIN and no level-by-level
search or final IP certificate is needed. Such a lottery is looked for first by
a Carathéodory walk (`walk.py`: one LP per step, rarely a panel IP, no master
LP, which is what makes Convention-size pools of ~2,000 types fast), then by column
generation (`_realize`). Otherwise (unreachable target, or `REALIZE_ROUNDS`
exhausted) the level-by-level method runs, seeded with every panel found.

All solving is done with HiGHS (`highspy`) at the group level (see
`compiled.py`), so the LPs have one variable per group, not per person.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import highspy
import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled
from concerto.engines.sortition.local_search import SwapSearch
from concerto.engines.sortition.model import Distribution, SortitionError
from concerto.engines.sortition.panel_ip import PanelOracle, new_highs
from concerto.engines.sortition.walk import walk

Progress = Callable[[str, float], None]

# A pricing panel must beat the dual bound by this much to count as improving.
# It bounds how far each fixed level can sit below the true optimum.
PRICE_TOL = 1e-5
# Dual prices above this are treated as positive when fixing groups.
FIX_TOL = 1e-7
# Stored panels used as starting points of the swap heuristic per pricing round.
HEURISTIC_STARTS = 6
# Relative MIP gap when building the initial covering panels.
COVER_GAP = 0.05


class NoPanelError(SortitionError):
    """No panel satisfies the quotas (use `infeasible.explain` to say why)."""


class LeximinOutcome:
    """Raw result: distribution, the announced per-group values, the first-level optimum."""

    def __init__(
        self,
        distribution: Distribution,
        announced: NDArray[np.float64],
        optimum: float,
        stats: dict[str, float],
    ) -> None:
        self.distribution = distribution
        self.announced = announced
        self.optimum = optimum
        self.stats = stats


def _initial_panels(
    oracle: PanelOracle, cp: Compiled
) -> tuple[list[NDArray[np.int64]], NDArray[np.bool_]]:
    """Panels that together contain every group that can be in some panel.

    Each integer program maximises the number of members from groups not yet
    covered (a loose gap is enough: any panel covering new groups helps); when
    it finds none, the remaining groups are in no panel at all.
    """
    rng = np.random.default_rng(0)
    covered = np.zeros(cp.n_groups, dtype=bool)
    panels: list[NDArray[np.int64]] = []
    while not covered.all():
        # Small random weights break ties so that successive panels differ.
        weights = (~covered) * (1.0 + 0.01 * rng.random(cp.n_groups)) / cp.sizes
        found = oracle.best(weights, gap=COVER_GAP)
        if found is None:
            raise NoPanelError("no panel satisfies the quotas")
        profile = found[0]
        if panels and not ((profile > 0) & ~covered).any():
            # The loose gap may hide a covering panel: only an exact 0 proves there is none.
            exact = oracle.best(weights)
            if exact is None or exact[1] <= 0:
                break
            profile = exact[0]
        panels.append(profile)
        covered |= profile > 0
    return panels, covered


class _PanelBank:
    """The panels generated so far, with their per-group selection shares."""

    def __init__(self, sizes: NDArray[np.int64]) -> None:
        self.sizes = sizes.astype(np.float64)
        self.rows: list[NDArray[np.int64]] = []
        self.seen: set[bytes] = set()
        self._shares = np.zeros((16, len(sizes)))

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, profile: NDArray[np.int64]) -> bool:
        """Store `profile`; False if it was already there."""
        key = profile.tobytes()
        if key in self.seen:
            return False
        self.seen.add(key)
        if len(self.rows) == len(self._shares):
            self._shares = np.vstack([self._shares, np.zeros_like(self._shares)])
        self._shares[len(self.rows)] = profile / self.sizes
        self.rows.append(profile)
        return True

    def best(self, y: NDArray[np.float64], count: int) -> list[NDArray[np.int64]]:
        """The `count` stored panels with the highest priced value `shares @ y`."""
        values = self._shares[: len(self.rows)] @ y
        order = np.argsort(-values)[:count]
        return [self.rows[i] for i in order]

    def matrix(self) -> NDArray[np.int64]:
        return np.array(self.rows, dtype=np.int64)


class _DualLP:
    """Restricted dual: min yhat - sum_fixed p_g y_g, s.t. a_P . y <= yhat, sum_free y = 1."""

    def __init__(self, sizes: NDArray[np.int64]) -> None:
        self.sizes = sizes.astype(np.float64)
        self.n = len(sizes)
        h = new_highs()
        inf = highspy.kHighsInf
        h.addVars(self.n, np.zeros(self.n), np.full(self.n, inf))
        h.addVar(-inf, inf)  # yhat
        self.yhat = self.n
        h.changeColCost(self.yhat, 1.0)
        h.addRow(1.0, 1.0, self.n, np.arange(self.n, dtype=np.int32), np.ones(self.n))
        self.highs = h
        self.rows = 0

    def add_panel(self, profile: NDArray[np.int64]) -> None:
        idx = np.flatnonzero(profile)
        vals = profile[idx] / self.sizes[idx]
        self.highs.addRow(
            -highspy.kHighsInf,
            0.0,
            len(idx) + 1,
            np.append(idx, self.yhat).astype(np.int32),
            np.append(vals, -1.0),
        )
        self.rows += 1

    def fix(self, groups: NDArray[np.int64], value: float) -> None:
        for g in groups:
            self.highs.changeColCost(int(g), -value)
            self.highs.changeCoeff(0, int(g), 0.0)

    def solve(self) -> tuple[NDArray[np.float64], float, float]:
        h = self.highs
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise SortitionError(f"dual LP: {h.modelStatusToString(h.getModelStatus())}")
        x = np.asarray(h.getSolution().col_value)
        return (
            np.maximum(x[: self.n], 0.0),
            float(x[self.yhat]),
            h.getInfo().objective_function_value,
        )


# Fast path: the LEXIMIN of the LP relaxation (quotas on fractional counts) is an
# upper bound, level by level, on the LEXIMIN over panels; when column generation
# realises it as a lottery over real panels, that lottery is the exact LEXIMIN.
# Master rounds allowed before giving up and running the level-by-level method.
REALIZE_ROUNDS = 300
# Largest marginal deviation from the relaxed target accepted as "realised".
REALIZE_TOL = 1e-8


def _relaxed_leximin(cp: Compiled) -> NDArray[np.float64] | None:
    """LEXIMIN of the LP relaxation, per group; None if the relaxation is infeasible.

    Variables: pi_g in [0, 1] (probability of one member of g) and the level z.
    Constraints: sum s_g pi_g = k, quotas on s_g pi_g, at most one per household.
    Each level maximises z with pi_g >= z for free groups; groups with a positive
    dual price are tight at z in every optimal solution and are fixed.
    """
    n = cp.n_groups
    s = cp.sizes.astype(np.float64)
    inf = highspy.kHighsInf
    h = new_highs()
    h.setOptionValue("presolve", "off")
    h.addVars(n, np.zeros(n), np.ones(n))
    h.addVar(-inf, inf)
    z = n
    h.changeColCost(z, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addRow(float(cp.k), float(cp.k), n, np.arange(n, dtype=np.int32), s)
    for f in range(len(cp.features)):
        idx = np.flatnonzero(cp.A[f])
        h.addRow(float(cp.lo[f]), float(cp.hi[f]), len(idx), idx.astype(np.int32), s[idx])
    for members in cp.households:
        idx = np.array(members, dtype=np.int32)
        h.addRow(-inf, 1.0, len(idx), idx, np.ones(len(idx)))
    base = h.getNumRow()
    for g in range(n):
        h.addRow(0.0, inf, 2, np.array([g, z], dtype=np.int32), np.array([1.0, -1.0]))
    free = np.ones(n, dtype=bool)
    target = np.zeros(n)
    while free.any():
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        sol = h.getSolution()
        value = min(max(float(sol.col_value[z]), 0.0), 1.0)
        y = np.abs(np.asarray(sol.row_dual[base:]))
        to_fix = np.flatnonzero(free & (y > FIX_TOL))
        if len(to_fix) == 0:
            to_fix = np.array([int(np.argmax(np.where(free, y, -1.0)))])
        target[to_fix] = value
        free[to_fix] = False
        for g in to_fix:
            h.changeCoeff(base + int(g), z, 0.0)
            h.changeRowBounds(base + int(g), value, inf)
    return target


def _realize(
    cp: Compiled,
    target: NDArray[np.float64],
    oracle: PanelOracle,
    search: SwapSearch,
    bank: _PanelBank,
    max_rounds: int,
) -> NDArray[np.float64] | None:
    """Panel probabilities (over `bank`) whose marginals equal `target`; None if not found.

    Column generation on: min delta s.t. sum_P lam_P a_P[g] + delta >= target[g],
    sum lam = 1. Swap search prices first, the exact IP only when it fails; a
    None answer either proves `target` unreachable or hit `max_rounds`.
    """
    n = cp.n_groups
    s = cp.sizes.astype(np.float64)
    inf = highspy.kHighsInf
    h = new_highs()
    h.setOptionValue("presolve", "off")
    h.setOptionValue("simplex_strategy", 4)  # primal simplex: new columns keep feasibility
    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.setOptionValue("dual_feasibility_tolerance", 1e-9)
    h.addVar(0.0, inf)
    h.changeColCost(0, 1.0)
    for g in range(n):
        h.addRow(float(target[g]), inf, 1, np.array([0], dtype=np.int32), np.array([1.0]))
    h.addRow(1.0, 1.0, 0, np.array([], dtype=np.int32), np.array([]))

    def add_column(profile: NDArray[np.int64]) -> None:
        idx = np.flatnonzero(profile)
        h.addCol(
            0.0,
            0.0,
            inf,
            len(idx) + 1,
            np.append(idx, n).astype(np.int32),
            np.append(profile[idx] / s[idx], 1.0),
        )

    for p in bank.rows:
        add_column(p)
    for _ in range(max_rounds):
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        sol = h.getSolution()
        lam = np.maximum(np.asarray(sol.col_value)[1:], 0.0)
        if lam.sum() > 0:
            lam = lam / lam.sum()
            marginals = (lam @ bank.matrix()) / s
            if float(np.max(np.abs(marginals - target))) <= REALIZE_TOL:
                return lam
        duals = np.asarray(sol.row_dual)
        y, bound = np.maximum(duals[:n], 0.0), -float(duals[n])
        weights = y / s
        added = 0
        for origin in bank.best(y, HEURISTIC_STARTS):
            profile, priced = search.improve(origin, weights)
            if priced > bound + 1e-9 and bank.add(profile):
                add_column(profile)
                added += 1
        if added:
            continue
        found = oracle.best(weights)
        if found is None or found[1] <= bound + 1e-9 or not bank.add(found[0]):
            return None  # no panel improves: target is not a lottery over panels
        add_column(found[0])
    return None


# Most walks end in a few hundred steps; this bounds a walk that cycles.
WALK_STEPS = 2000


def _walk_outcome(
    cp: Compiled,
    target: NDArray[np.float64],
    profiles: NDArray[np.int64],
    lam: NDArray[np.float64],
    start: float,
    counts: dict[str, float],
) -> LeximinOutcome | None:
    """The walk's lottery (identical panels merged) if it realises `target`, else None."""
    unique, inverse = np.unique(profiles, axis=0, return_inverse=True)
    probs = np.bincount(inverse.ravel(), weights=lam, minlength=len(unique))
    keep = probs > 0
    unique, probs = unique[keep], probs[keep] / probs[keep].sum()
    marginals = (probs @ unique) / cp.sizes
    if float(np.max(np.abs(marginals - target))) > REALIZE_TOL:
        return None
    stats = {
        "groups": float(cp.n_groups),
        "levels": float(len(np.unique(target))),
        "panels_generated": float(len(profiles)),
        "walk_steps": float(len(profiles)),
        **counts,
        "relaxation_bound": 1.0,
        "seconds": time.perf_counter() - start,
    }
    dist = Distribution(cp.groups, unique, probs)
    return LeximinOutcome(dist, target, float(target.min()), stats)


def _final_primal(
    profiles: NDArray[np.int64], sizes: NDArray[np.int64], target: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Panel probabilities whose group marginals reach `target` (least shortfall)."""
    n_panels, n_groups = profiles.shape
    h = new_highs()
    inf = highspy.kHighsInf
    # Columns: one lambda per panel, then the common shortfall delta (minimised).
    h.addVars(n_panels + 1, np.zeros(n_panels + 1), np.full(n_panels + 1, inf))
    h.changeColCost(n_panels, 1.0)
    h.addRow(1.0, 1.0, n_panels, np.arange(n_panels, dtype=np.int32), np.ones(n_panels))
    a = profiles / sizes.astype(np.float64)
    for g in range(n_groups):
        idx = np.flatnonzero(a[:, g])
        h.addRow(
            float(target[g]),
            inf,
            len(idx) + 1,
            np.append(idx, n_panels).astype(np.int32),
            np.append(a[idx, g], 1.0),
        )
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise SortitionError(f"primal LP: {h.modelStatusToString(h.getModelStatus())}")
    lam = np.maximum(np.asarray(h.getSolution().col_value)[:n_panels], 0.0)
    return lam / lam.sum()


def leximin(cp: Compiled, *, progress: Progress | None = None) -> LeximinOutcome:
    """LEXIMIN lottery for a compiled problem. Raises `NoPanelError` if no panel exists.

    Returned `announced[g]` is the LEXIMIN probability of group g found level by
    level; the distribution's marginals match it up to solver tolerance (checked
    by `checks.check_distribution`).
    """
    start = time.perf_counter()
    oracle = PanelOracle(cp)
    if cp.n_groups == 0:
        found = oracle.best(np.zeros(0))
        if found is None:
            raise NoPanelError("no panel satisfies the quotas")
        dist = Distribution(cp.groups, np.zeros((1, 0), dtype=np.int64), np.ones(1))
        return LeximinOutcome(dist, np.zeros(0), 1.0, {})
    relaxed = _relaxed_leximin(cp)
    if relaxed is not None and WALK_STEPS > 0:
        counts: dict[str, float] = {}
        walked = walk(cp, relaxed, WALK_STEPS, counts)
        if walked is not None:
            outcome = _walk_outcome(cp, relaxed, *walked, start, counts)
            if outcome is not None:
                if progress is not None:
                    progress("leximin", 1.0)
                return outcome
    search = SwapSearch(cp)
    panels, reachable = _initial_panels(oracle, cp)
    dual = _DualLP(cp.sizes)
    for p in panels:
        dual.add_panel(p)
    announced = np.full(cp.n_groups, np.nan)
    free = np.ones(cp.n_groups, dtype=bool)
    if not reachable.all():
        unreachable = np.flatnonzero(~reachable)
        dual.fix(unreachable, 0.0)
        announced[unreachable] = 0.0
        free[unreachable] = False
    # Someone who is in no panel makes the maximin value 0.
    optimum: float | None = None if reachable.all() else 0.0
    levels = 0
    total = float(cp.sizes.sum())
    bank = _PanelBank(cp.sizes)
    for p in panels:
        bank.add(p)
    seeded = len(bank)
    heuristic_hits = 0
    if reachable.all():
        target = relaxed
        if target is not None:
            lam = _realize(cp, target, oracle, search, bank, REALIZE_ROUNDS)
            if lam is not None:
                profiles = bank.matrix()
                keep = lam > 1e-12
                dist = Distribution(cp.groups, profiles[keep], lam[keep] / lam[keep].sum())
                stats = {
                    "groups": float(cp.n_groups),
                    "levels": float(len(np.unique(target))),
                    "panels_generated": float(len(bank)),
                    "heuristic_rounds": 0.0,
                    "ip_calls": float(oracle.calls),
                    "relaxation_bound": 1.0,
                    "seconds": time.perf_counter() - start,
                }
                if progress is not None:
                    progress("leximin", 1.0)
                return LeximinOutcome(dist, target, float(target.min()), stats)
        # Not realised: seed the level-by-level method with every panel found so far
        # (the bank rejects known panels, so the dual LP must hold all of them).
        for p in bank.rows[seeded:]:
            dual.add_panel(p)
    while free.any():
        y, yhat, value = dual.solve()
        weights = y / cp.sizes
        added = 0
        for origin in bank.best(y, HEURISTIC_STARTS):
            profile, priced = search.improve(origin, weights)
            if priced > yhat + PRICE_TOL and bank.add(profile):
                dual.add_panel(profile)
                added += 1
        if added:
            heuristic_hits += 1
            continue
        found = oracle.best(weights)
        assert found is not None  # the quotas were feasible for the initial panels
        profile, priced = found
        if priced > yhat + PRICE_TOL and bank.add(profile):
            dual.add_panel(profile)
            continue
        # Level optimal: groups with a positive price are tight at `value`.
        levels += 1
        if optimum is None:
            optimum = value
        to_fix = np.flatnonzero(free & (y > FIX_TOL))
        if len(to_fix) == 0:
            to_fix = np.array([int(np.argmax(np.where(free, y, -1.0)))])
        value = min(max(value, 0.0), 1.0)
        announced[to_fix] = value
        free[to_fix] = False
        dual.fix(to_fix, value)
        if progress is not None:
            progress("leximin", float(cp.sizes[~free].sum()) / total)
    profiles = bank.matrix()
    lam = _final_primal(profiles, cp.sizes, announced)
    keep = lam > 1e-12
    probs = lam[keep] / lam[keep].sum()
    dist = Distribution(cp.groups, profiles[keep], probs)
    stats = {
        "groups": float(cp.n_groups),
        "levels": float(levels),
        "panels_generated": float(len(bank)),
        "heuristic_rounds": float(heuristic_hits),
        "ip_calls": float(oracle.calls),
        "seconds": time.perf_counter() - start,
    }
    return LeximinOutcome(dist, announced, float(optimum if optimum is not None else 0.0), stats)

"""Raking (iterative proportional fitting) of participant weights to target margins.

Given each participant's answers to Q profile questions and, per question, the
reference population's share of every category, raking finds weights whose
weighted shares match every question's reference at once, staying as close as
possible to the base weights (it minimises the Kullback–Leibler divergence to them,
Deming & Stephan 1940, Ireland & Kullback 1968).

Conventions, stated once:

- **Total.** Weights sum to `total`, n (the number of participants) by default,
  so that a weight reads "this participant counts for w participants" and
  weighted counts are on the scale of the raw ones. Pass the population size to
  get population totals instead; shares do not depend on it.
- **Skipped answers** (`MISSING`) are never imputed. The step for question q only
  rescales the participants who answered q, so that their weighted shares match
  the reference, and keeps their weighted total, hence Σw, unchanged;
  participants who skipped q keep their weight in that step. The reference shares
  therefore describe the respondents of q, as they do in a published "among those
  who answered" table.
- **Trimming.** With `bounds=(lower, upper)`, each participant's adjustment factor
  g = w / (d · total / Σd) (d: base weight; with equal base weights, g = w / mean
  weight) is clipped into [lower, upper] after every sweep, then the weights are
  rescaled to the total; raking goes on until the margins and the bounds both
  hold. This is bounded raking (raking ratio with caps), as CALMAR's truncated
  method does.
- **Convergence**: the largest absolute gap between a weighted share among
  respondents and its target, over every question and category, is at most
  `tolerance` (a share, so 1e-6 is 0.0001 point).

Failures are reported, never raised: see `Reason` for the codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from concerto.engines.representativeness.cells import answer_matrix, patterns
from concerto.engines.representativeness.feasibility import FEASIBLE_SLACK, closest_margins
from concerto.engines.representativeness.model import Reason, RepresentativenessError
from concerto.engines.representativeness.weights import WeightSpread, weight_spread

# Targets are shares: they must sum to 1 within this tolerance (INSEE margins rounded
# to 0.1 point should be renormalised by the caller, who knows where they come from).
SHARE_SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class RakeResult:
    """Raked weights and how the raking went.

    `weights` sum to `total`. When `converged` is False, `reasons` says why and
    `weights` are the last iterate (or the base weights scaled to the total when
    a question could not be raked at all: `no_respondents`, `empty_category`).
    `achieved[q]` is the weighted share of each category among q's respondents.
    """

    weights: np.ndarray
    total: float
    converged: bool
    iterations: int
    max_error: float
    achieved: tuple[np.ndarray, ...]
    reasons: tuple[Reason, ...]
    spread: WeightSpread


def _targets(targets: list) -> list[np.ndarray]:
    out = []
    for q, target in enumerate(targets):
        t = np.asarray(target, dtype=np.float64)
        if t.ndim != 1 or t.size == 0 or not np.all(np.isfinite(t)) or np.any(t < 0):
            raise RepresentativenessError("targets_not_shares", question=q)
        if abs(float(t.sum()) - 1.0) > SHARE_SUM_TOLERANCE:
            raise RepresentativenessError("targets_not_shares", question=q, sum=float(t.sum()))
        out.append(t)
    return out


def _shares(codes: np.ndarray, mass: np.ndarray, size: int) -> tuple[np.ndarray, float]:
    answered = codes >= 0
    sums = np.bincount(codes[answered], weights=mass[answered], minlength=size)
    total = float(sums.sum())
    return sums, total


def _errors(codes: np.ndarray, mass: np.ndarray, targets: list[np.ndarray]):
    """(max error, (question, category) of it, achieved shares per question)."""
    worst, where, achieved = 0.0, (None, None), []
    for q, target in enumerate(targets):
        sums, total = _shares(codes[:, q], mass, len(target))
        shares = sums / total if total > 0 else np.zeros(len(target))
        achieved.append(shares)
        gaps = np.abs(shares - target)
        c = int(np.argmax(gaps))
        if gaps[c] > worst:
            worst, where = float(gaps[c]), (q, c)
    return worst, where, achieved


def rake(
    answers: np.ndarray | list[np.ndarray],
    targets: list,
    *,
    base_weights: np.ndarray | None = None,
    total: float | None = None,
    tolerance: float = 1e-6,
    max_iterations: int = 200,
    bounds: tuple[float, float] | None = None,
) -> RakeResult:
    """Rake weights so that every question's weighted shares match `targets`.

    `answers`: an (n, Q) integer array, or Q arrays of length n, of category codes
    0..K_q−1 with `MISSING` (−1) for a skipped question. `targets[q]`: the K_q
    reference shares of question q (summing to 1). `base_weights`: non-negative
    starting weights (default all 1). See the module docstring for the total, the
    skipped answers, the trimming bounds and the convergence rule.
    """
    targets = _targets(list(targets))
    sizes = [len(t) for t in targets]
    matrix = answer_matrix(answers, sizes)
    n = matrix.shape[0]
    base = np.ones(n) if base_weights is None else np.asarray(base_weights, dtype=np.float64)
    if base.shape != (n,) or np.any(~np.isfinite(base)) or np.any(base < 0):
        raise RepresentativenessError("negative_weight", n=n)
    if bounds is not None and not (0 <= bounds[0] <= 1 <= bounds[1]):
        raise RepresentativenessError("invalid_bounds", lower=bounds[0], upper=bounds[1])
    total = float(n if total is None else total)
    if not (np.isfinite(total) and total > 0):
        raise RepresentativenessError("invalid_total", total=total)
    base_sum = float(base.sum())
    scale = total / base_sum if base_sum > 0 else 0.0

    pats = patterns(matrix, sizes)
    codes = pats.codes
    # Pattern masses on the final scale: raking multiplies a pattern's participants alike.
    start = np.bincount(pats.of_unit, weights=base, minlength=codes.shape[0]) * scale
    mass = start.copy()

    def finish(converged: bool, iterations: int, reasons: list[Reason]) -> RakeResult:
        nonlocal mass
        if mass.sum() > 0:  # keep Σw = total exactly despite rounding drift
            mass = mass * (total / mass.sum())
        factor = np.divide(mass, start, out=np.zeros_like(mass), where=start > 0)
        weights = base * scale * factor[pats.of_unit]
        error, _, achieved = _errors(codes, mass, targets)
        return RakeResult(
            weights=weights,
            total=total,
            converged=converged,
            iterations=iterations,
            max_error=error,
            achieved=tuple(achieved),
            reasons=tuple(reasons),
            spread=weight_spread(weights),
        )

    blocking = []
    for q, target in enumerate(targets):
        sums, answered = _shares(codes[:, q], mass, len(target))
        if answered <= 0:
            blocking.append(Reason("no_respondents", question=q))
            continue
        for c in np.flatnonzero((sums <= 0) & (target > 0)):
            blocking.append(Reason("empty_category", q, int(c), {"target": float(target[c])}))
    if blocking:
        return finish(False, 0, blocking)

    # Lookup tables with one extra slot at index 0 for MISSING (factor 1: untouched).
    shifted = [codes[:, q] + 1 for q in range(len(targets))]
    iterations = 0
    for iterations in range(1, max_iterations + 1):
        previous = mass.copy()
        for q, target in enumerate(targets):
            sums = np.bincount(shifted[q], weights=mass, minlength=len(target) + 1)
            if np.any((sums[1:] <= 0) & (target > 0)):
                # A zero target elsewhere emptied a category that needs weight: the
                # margins contradict each other. Stop before the total collapses.
                mass = previous
                return finish(False, iterations, _diagnose(codes, start, mass, targets, bounds))
            answered = sums[1:].sum()
            factor = np.ones(len(target) + 1)
            np.divide(target * answered, sums[1:], out=factor[1:], where=sums[1:] > 0)
            mass *= factor[shifted[q]]
        if bounds is not None:
            mass = _clip(mass, start, bounds, total)
        error, _, _ = _errors(codes, mass, targets)
        if error <= tolerance and _within(mass, start, bounds, tolerance):
            return finish(True, iterations, [])
    return finish(False, iterations, _diagnose(codes, start, mass, targets, bounds))


def _clip(mass, start, bounds, total) -> np.ndarray:
    """Clip the adjustment factors into `bounds`, then restore the total by scaling the
    units that can still move in the needed direction, until both hold."""
    lower, upper = bounds[0] * start, bounds[1] * start
    mass = np.clip(mass, lower, upper)
    for _ in range(mass.size + 1):
        gap = total - float(mass.sum())
        if abs(gap) <= 1e-12 * total:
            break
        movable = mass < upper if gap > 0 else mass > lower
        movable_sum = float(mass[movable].sum())
        if movable_sum <= 0:
            break
        mass[movable] *= 1 + gap / movable_sum
        mass = np.clip(mass, lower, upper)
    return mass


def _within(mass, start, bounds, tolerance) -> bool:
    if bounds is None:
        return True
    g = mass[start > 0] / start[start > 0]
    return bool(np.all(g >= bounds[0] - tolerance) and np.all(g <= bounds[1] + tolerance))


def _diagnose(codes, start, mass, targets, bounds) -> list[Reason]:
    """Reasons for a raking that did not converge, settled by `closest_margins`."""
    base = start / start.sum()
    slack, achieved = closest_margins(codes, base, targets, None)
    code = "contradictory_margins"
    if slack <= FEASIBLE_SLACK and bounds is not None:
        slack, achieved = closest_margins(codes, base, targets, bounds)
        code = "bounds_too_tight"
    if slack > FEASIBLE_SLACK:
        reasons = []
        for q, target in enumerate(targets):
            for c in range(len(target)):
                closest = float(achieved[q][c])
                if not abs(closest - target[c]) <= FEASIBLE_SLACK:
                    values = {"target": float(target[c]), "closest": closest}
                    reasons.append(Reason(code, q, c, values))
        return reasons or [Reason(code, values={"slack": slack})]
    error, (q, c), _ = _errors(codes, mass, targets)
    return [Reason("not_converged", q, c, {"max_error": error})]

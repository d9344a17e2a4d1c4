"""Self-checks run on every result before it is returned.

A failed check raises `SelfCheckError`: a wrong lottery must never be published.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled
from concerto.engines.sortition.model import Distribution, SortitionError

# Solver tolerances are ~1e-9; 1e-6 leaves room without hiding real errors.
TOL = 1e-6


class SelfCheckError(SortitionError):
    """The engine's own output failed a check (a bug or a solver failure)."""


def check_panels(cp: Compiled, profiles: NDArray[np.int64]) -> None:
    """Every profile has k members within group sizes, meets quotas and the household rule."""
    if profiles.ndim != 2 or profiles.shape[1] != cp.n_groups:
        raise SelfCheckError("panel profiles have the wrong shape")
    if (profiles < 0).any() or (profiles > cp.sizes).any():
        raise SelfCheckError("a panel takes more members from a group than it has")
    if (profiles.sum(axis=1) != cp.k).any():
        raise SelfCheckError(
            f"a panel does not have {cp.k} members (besides those already selected)"
        )
    counts = profiles @ cp.A.T
    if (counts < cp.lo).any() or (counts > cp.hi).any():
        raise SelfCheckError("a panel violates a quota")
    for members in cp.households:
        if (profiles[:, list(members)].sum(axis=1) > 1).any():
            raise SelfCheckError("a panel has two members of the same household")


def check_distribution(
    cp: Compiled,
    dist: Distribution,
    announced: NDArray[np.float64],
    optimum: float | None = None,
    tol: float = TOL,
) -> None:
    """The lottery is valid and realises the announced per-group probabilities.

    - panels valid (`check_panels`);
    - panel probabilities non-negative and summing to 1;
    - each group's marginal equals `announced` within `tol`;
    - if `optimum` is given, the smallest probability equals it within `tol`.
    """
    check_panels(cp, dist.profiles)
    if len(dist.probs) != len(dist.profiles):
        raise SelfCheckError("one probability per panel is required")
    if (dist.probs < -tol).any():
        raise SelfCheckError("negative panel probability")
    if abs(float(dist.probs.sum()) - 1.0) > tol:
        raise SelfCheckError(f"panel probabilities sum to {dist.probs.sum():.9f}, not 1")
    if cp.n_groups == 0:
        return
    marginals = dist.group_marginals()
    gap = float(np.max(np.abs(marginals - announced)))
    if not np.isfinite(gap) or gap > tol:
        raise SelfCheckError(f"marginals differ from announced probabilities by {gap:.2e}")
    if optimum is not None and abs(float(marginals.min()) - optimum) > tol:
        raise SelfCheckError(
            f"minimum probability {marginals.min():.9f} differs from the optimum {optimum:.9f}"
        )

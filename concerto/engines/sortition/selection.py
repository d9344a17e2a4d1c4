"""`select`: the one entry point the platform and the CLI call."""

from __future__ import annotations

import time

import numpy as np

from concerto.engines.sortition import legacy
from concerto.engines.sortition.checks import check_distribution
from concerto.engines.sortition.compiled import Compiled, compile_problem
from concerto.engines.sortition.infeasible import InfeasibleQuotasError, explain
from concerto.engines.sortition.leximin import NoPanelError, Progress, leximin
from concerto.engines.sortition.model import Problem, SelectionResult
from concerto.engines.sortition.panel_ip import PanelOracle
from concerto.engines.sortition.quality import quality

ALGORITHMS = ("leximin", "legacy")


def _raise_infeasible(cp: Compiled) -> None:
    reasons = explain(cp) or ["Aucun panel ne respecte les quotas (cause non identifiée)."]
    raise InfeasibleQuotasError(reasons)


def select(
    problem: Problem,
    algorithm: str = "leximin",
    *,
    legacy_draws: int = 1000,
    seed: int = 0,
    progress: Progress | None = None,
) -> SelectionResult:
    """Selection probabilities and lottery for `problem`, self-checked.

    - `leximin`: the exact LEXIMIN lottery; `optimum` is the maximal smallest
      probability, certified by the dual within `leximin.PRICE_TOL`.
    - `legacy`: the greedy algorithm's lottery estimated from `legacy_draws`
      simulated draws (random `seed`).

    Raises `InfeasibleQuotasError` (French reasons) when no panel meets the quotas,
    `InvalidInputError` on malformed input, `SelfCheckError` if the output fails
    its checks. Quality figures cover the people who can still be selected (not
    those already selected, nor their household members).
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; expected one of {ALGORITHMS}")
    start = time.perf_counter()
    cp = compile_problem(problem)
    if algorithm == "leximin":
        try:
            outcome = leximin(cp, progress=progress)
        except NoPanelError:
            _raise_infeasible(cp)
            raise  # pragma: no cover - _raise_infeasible always raises
        dist, announced, optimum, stats = (
            outcome.distribution,
            outcome.announced,
            outcome.optimum,
            outcome.stats,
        )
        check_distribution(cp, dist, announced, optimum)
    else:
        if PanelOracle(cp).best(np.zeros(cp.n_groups)) is None:
            _raise_infeasible(cp)
        dist = legacy.estimate(cp, legacy_draws, seed)
        announced = dist.group_marginals()
        optimum = None
        stats = {"draws": float(legacy_draws), "groups": float(cp.n_groups)}
        check_distribution(cp, dist, announced)
    probabilities = cp.person_probabilities(dist.group_marginals())
    return SelectionResult(
        algorithm=algorithm,
        problem=problem,
        probabilities=probabilities,
        distribution=dist,
        quality=quality(probabilities[cp.eligible]),
        optimum=optimum,
        seconds=time.perf_counter() - start,
        stats=stats,
    )

"""Property-based checks on random small pools, against brute force."""

import itertools

import highspy
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concerto.engines.sortition import InfeasibleQuotasError, Pool, Problem, Quota, select
from concerto.engines.sortition.reasons import TEXTS


def brute_force_maximin(problem: Problem) -> float | None:
    """Maximin probability over all person-level panels (None if there is none)."""
    pool = problem.pool
    n = pool.size
    panels = []
    for combo in itertools.combinations(range(n), problem.k):
        ok = True
        for q in problem.quotas:
            c = pool.categories.index(q.category)
            count = sum(pool.values[i][c] == q.value for i in combo)
            ok &= q.min <= count <= q.max
        if problem.household_rule:
            houses = [pool.households[i] for i in combo if pool.households[i] is not None]
            ok &= len(houses) == len(set(houses))
        if ok:
            panels.append(combo)
    if not panels:
        return None
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    p = len(panels)
    h.addVars(p + 1, np.zeros(p + 1), np.append(np.ones(p), 1.0))
    h.changeColCost(p, -1.0)  # maximise z
    h.addRow(1, 1, p, np.arange(p, dtype=np.int32), np.ones(p))
    for i in range(n):
        idx = [j for j, c in enumerate(panels) if i in c]
        cols = np.array([*idx, p], dtype=np.int32)
        h.addRow(0, highspy.kHighsInf, len(cols), cols, np.array([1.0] * len(idx) + [-1.0]))
    h.run()
    return float(h.getSolution().col_value[p])


@st.composite
def problems(draw):
    n = draw(st.integers(4, 9))
    k = draw(st.integers(1, min(4, n)))
    n_cats = draw(st.integers(1, 3))
    cats = tuple(f"c{j}" for j in range(n_cats))
    rows = tuple(
        tuple(draw(st.sampled_from("ab" if j else "abc")) for j in range(n_cats)) for _ in range(n)
    )
    quotas = []
    for j, cat in enumerate(cats):
        for v in "ab" if j else "abc":
            lo = draw(st.integers(0, 2))
            quotas.append(Quota(cat, v, lo, lo + draw(st.integers(0, 3))))
    houses = None
    rule = draw(st.booleans())
    if rule:
        houses = tuple(draw(st.sampled_from([None, "h1", "h2"])) for _ in range(n))
    ids = tuple(f"p{i}" for i in range(n))
    return Problem(Pool(ids, cats, rows, houses), tuple(quotas), k, household_rule=rule)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_leximin_minimum_equals_brute_force_maximin(problem):
    expected = brute_force_maximin(problem)
    if expected is None:
        try:
            select(problem)
        except InfeasibleQuotasError as exc:
            assert exc.reasons and all(r.code in TEXTS and r.text() for r in exc.reasons)
            return
        raise AssertionError("infeasible quotas were not detected")
    result = select(problem)  # self-checks run inside
    assert abs(result.quality.min_probability - expected) < 1e-6
    assert abs(result.probabilities.sum() - problem.k) < 1e-6
    assert abs(result.distribution.probs.sum() - 1) < 1e-9
    assert (result.probabilities >= -1e-9).all() and (result.probabilities <= 1 + 1e-9).all()


@settings(max_examples=30, deadline=None)
@given(problems())
def test_legacy_panels_meet_the_quotas(problem):
    if brute_force_maximin(problem) is None:
        return
    try:
        result = select(problem, "legacy", legacy_draws=20)
    except Exception as exc:  # the greedy may get stuck where a panel exists
        assert type(exc).__name__ == "LegacyFailure"
        return
    assert abs(result.probabilities.sum() - problem.k) < 1e-9

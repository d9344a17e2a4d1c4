"""Raking properties on generated samples (Hypothesis)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concerto.engines.representativeness import MISSING, rake

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODES = {"no_respondents", "empty_category", "contradictory_margins", "not_converged"}


@st.composite
def samples(draw, min_n=4, max_n=60):
    """(answers, sizes): n participants × Q questions of 2..4 categories, some skipped."""
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=3))
    n = draw(st.integers(min_n, max_n))
    columns = [
        draw(st.lists(st.integers(MISSING, size - 1), min_size=n, max_size=n)) for size in sizes
    ]
    return np.array(columns, dtype=np.int64).T, sizes


def shares(draw, size):
    raw = np.array(draw(st.lists(st.integers(0, 20), min_size=size, max_size=size)), float)
    if raw.sum() == 0:
        raw[0] = 1
    return raw / raw.sum()


@SETTINGS
@given(data=st.data(), sample=samples(), total=st.none() | st.floats(1, 1e7))
def test_weights_always_sum_to_the_declared_total(data, sample, total):
    answers, sizes = sample
    targets = [shares(data.draw, size) for size in sizes]
    result = rake(answers, targets, total=total, max_iterations=50)
    expected = len(answers) if total is None else total
    assert result.total == expected
    assert np.isclose(result.weights.sum(), expected, rtol=1e-9)
    assert np.all(result.weights >= 0)
    if result.converged:
        assert result.max_error <= 1e-6 and result.reasons == ()
    else:
        assert result.reasons and {r.code for r in result.reasons} <= CODES


@SETTINGS
@given(data=st.data(), sample=samples())
def test_feasible_margins_are_reached_within_tolerance(data, sample):
    """Targets are the margins of some positive weighting of the sample, so they are
    reachable with every participant kept: raking must converge to them."""
    answers, sizes = sample
    for q in range(len(sizes)):
        if not np.any(answers[:, q] >= 0):
            answers[0, q] = 0
    hidden = np.array(
        data.draw(st.lists(st.integers(1, 9), min_size=len(answers), max_size=len(answers))), float
    )
    targets = []
    for q, size in enumerate(sizes):
        answered = answers[:, q] >= 0
        counts = np.bincount(answers[answered, q], weights=hidden[answered], minlength=size)
        targets.append(counts / counts.sum())
    result = rake(answers, targets, tolerance=1e-6, max_iterations=5000)
    assert result.converged, result.reasons
    assert result.max_error <= 1e-6
    for achieved, target in zip(result.achieved, targets, strict=True):
        np.testing.assert_allclose(achieved, target, atol=1e-6)
    assert np.isclose(result.weights.sum(), len(answers))


@SETTINGS
@given(
    data=st.data(),
    sample=samples(min_n=2),
    first=st.integers(1, 99),
    second=st.integers(1, 99),
)
def test_contradictory_margins_are_reported(data, sample, first, second):
    """Question B repeats question A's answers (two categories, both present), so the
    two cannot take different targets: the reason code says so and names them."""
    answers, sizes = sample
    n = len(answers)
    a = np.array(data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)))
    a[0], a[1] = 0, 1
    matrix = np.column_stack([answers, a, a])
    others = [shares(data.draw, size) for size in sizes]
    # Give every other category a respondent-compatible target (their own sample shares).
    for q, size in enumerate(sizes):
        answered = answers[:, q] >= 0
        if answered.any():
            others[q] = np.bincount(answers[answered, q], minlength=size) / answered.sum()
        else:
            matrix[0, q] = 0
            others[q] = np.eye(size)[0]
    p, r = first / 100, second / 100
    if abs(p - r) < 0.02:
        r = p + 0.02 if p < 0.5 else p - 0.02
    result = rake(matrix, [*others, [p, 1 - p], [r, 1 - r]], max_iterations=30)
    assert not result.converged
    codes = {r.code for r in result.reasons}
    assert codes == {"contradictory_margins"}
    assert {r.question for r in result.reasons} & {len(sizes), len(sizes) + 1}

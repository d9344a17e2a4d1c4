"""Representativeness index, gaps and under-representation flags."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concerto.engines.representativeness import (
    MISSING,
    RepresentativenessError,
    counts_from_answers,
    question_index,
    representativeness,
)


def test_index_gaps_and_flags_by_hand():
    """Shares 30/50/20 against 30/40/30: ½(0 + 10 + 10) points = 0.10, index 0.90;
    the last category has 2/3 of its population share, under the 0.8 threshold."""
    qi = question_index(np.array([30, 50, 20]), np.array([0.3, 0.4, 0.3]), question=4)
    assert qi.question == 4 and qi.respondents == 100
    assert qi.index == pytest.approx(0.9)
    assert [round(c.gap_points, 9) for c in qi.categories] == [0.0, 10.0, -10.0]
    assert [c.ratio for c in qi.categories] == pytest.approx([1.0, 1.25, 2 / 3])
    assert [c.under_represented for c in qi.categories] == [False, False, True]
    assert qi.reasons == ()


def test_overall_is_the_mean_of_questions_with_respondents():
    report = representativeness(
        [np.array([30, 50, 20]), np.array([0, 0]), np.array([10, 30])],
        [np.array([0.3, 0.4, 0.3]), np.array([0.5, 0.5]), np.array([0.5, 0.5])],
        threshold=0.6,
    )
    assert report.questions[1].index is None
    assert [r.code for r in report.questions[1].reasons] == ["no_respondents"]
    assert report.questions[2].index == pytest.approx(0.75)
    assert report.overall == pytest.approx((0.9 + 0.75) / 2)
    assert report.worst == 2
    # 0.25 / 0.5 = 0.5 < 0.6; 2/3 ≥ 0.6.
    assert [c.under_represented for c in report.questions[2].categories] == [True, False]
    assert not any(c.under_represented for c in report.questions[0].categories)


def test_zero_reference_share_has_no_ratio():
    qi = question_index(np.array([5, 5]), np.array([1.0, 0.0]))
    assert qi.categories[1].ratio is None and not qi.categories[1].under_represented
    assert qi.index == pytest.approx(0.5)


def test_counts_from_answers_leave_skipped_answers_out():
    counts = counts_from_answers(np.array([0, 2, 2, MISSING, 1, MISSING]), 4)
    assert counts.tolist() == [1, 1, 2, 0]


def test_invalid_reference_raises():
    with pytest.raises(RepresentativenessError) as caught:
        question_index(np.array([1, 2]), np.array([0.5, 0.6]))
    assert caught.value.code == "targets_not_shares"
    with pytest.raises(RepresentativenessError) as caught:
        question_index(np.array([1, 2, 3]), np.array([0.5, 0.5]))
    assert caught.value.code == "shape_mismatch"


@st.composite
def counts_and_reference(draw):
    size = draw(st.integers(1, 8))
    counts = np.array(draw(st.lists(st.integers(0, 1000), min_size=size, max_size=size)))
    weights = np.array(draw(st.lists(st.integers(0, 100), min_size=size, max_size=size)), float)
    if weights.sum() == 0:
        weights[0] = 1
    return counts, weights / weights.sum()


@settings(max_examples=100, deadline=None)
@given(counts_and_reference())
def test_index_lies_in_unit_interval(case):
    counts, reference = case
    qi = question_index(counts, reference)
    if counts.sum() == 0:
        assert qi.index is None
    else:
        assert 0.0 <= qi.index <= 1.0
        # Recomputable from the published counts and reference shares alone.
        shares = counts / counts.sum()
        assert qi.index == pytest.approx(1 - 0.5 * np.abs(shares - reference).sum(), abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=1, max_size=8), st.integers(1, 20))
def test_index_is_one_when_shares_equal_the_reference(base, scale):
    counts = np.array(base) * scale
    if counts.sum() == 0:
        counts[0] = scale
    qi = question_index(counts, counts / counts.sum())
    assert qi.index == pytest.approx(1.0, abs=1e-12)
    assert all(abs(c.gap_points) < 1e-9 for c in qi.categories)
    assert not any(c.under_represented for c in qi.categories)

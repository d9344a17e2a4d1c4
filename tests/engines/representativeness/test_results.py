"""Closed-question results: raw and weighted, always labelled."""

import numpy as np
import pytest

from concerto.engines.representativeness import (
    MISSING,
    RepresentativenessError,
    closed_results,
    rake,
)


def test_raw_only_without_weights():
    results = closed_results(np.array([0, 1, 1, MISSING, 2, 1]), 4)
    assert results.weighted is None
    raw = results.raw
    assert raw.basis == "raw"
    assert raw.counts.tolist() == [1, 3, 1, 0]
    assert raw.shares.tolist() == [0.2, 0.6, 0.2, 0.0]
    assert raw.respondents == 5 and raw.effective_n == 5
    assert raw.margin_95[1] == pytest.approx(1.959964 * np.sqrt(0.6 * 0.4 / 5), abs=1e-6)


def test_weighted_by_hand():
    """Weights 2, 1, 1, (skipped) 5: answer 0 holds 2 of 4 weight units.

    ESS of the respondents' weights 2, 1, 1 is 16 / 6."""
    answers = np.array([0, 1, 1, MISSING])
    results = closed_results(answers, 2, np.array([2.0, 1.0, 1.0, 5.0]))
    weighted = results.weighted
    assert weighted.basis == "weighted" and results.raw.basis == "raw"
    assert weighted.counts.tolist() == [2.0, 2.0]
    assert weighted.shares.tolist() == [0.5, 0.5]
    assert weighted.respondents == 4.0
    assert weighted.effective_n == pytest.approx(16 / 6)
    assert results.raw.shares.tolist() == pytest.approx([1 / 3, 2 / 3])


def test_post_stratified_results_follow_the_raked_profile():
    """Answer depends on age; the sample has too many of age 1: raking to 50/50 moves
    the result from the raw 58 % "yes" to 50 · 0.1 + 50 · 0.7 = 40 %."""
    age = np.array([0] * 20 + [1] * 80)
    answer = np.array([1] * 18 + [0] * 2 + [1] * 24 + [0] * 56)  # 0 = yes
    raked = rake(age[:, None], [[0.5, 0.5]])
    results = closed_results(answer, 2, raked.weights)
    assert results.raw.shares[0] == pytest.approx(0.58)
    assert results.weighted.shares[0] == pytest.approx(0.5 * 0.1 + 0.5 * 0.7)
    assert results.weighted.respondents == pytest.approx(100.0)


def test_invalid_answers_raise():
    with pytest.raises(RepresentativenessError) as caught:
        closed_results(np.array([0, 3]), 3)
    assert caught.value.code == "code_out_of_range"

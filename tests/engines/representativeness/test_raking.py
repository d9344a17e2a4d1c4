"""Raking: exact values on hand-solved cases, skipped answers, and every failure reason."""

import math

import numpy as np
import pytest

from concerto.engines.representativeness import MISSING, RepresentativenessError, kish_ess, rake
from concerto.engines.representativeness.weights import weight_spread


def sample(cells: dict[tuple[int, ...], int]) -> np.ndarray:
    """An answer matrix with `count` participants for each answer pattern."""
    return np.array([pattern for pattern, count in cells.items() for _ in range(count)])


def naive_rake(answers, targets, sweeps=500):
    """Textbook unit-level raking, one category mask at a time (reference for the engine)."""
    w = np.ones(len(answers))
    for _ in range(sweeps):
        for q, target in enumerate(targets):
            answered = answers[:, q] >= 0
            respondents = w[answered].sum()
            for c, share in enumerate(target):
                mask = answers[:, q] == c
                w[mask] *= share * respondents / w[mask].sum()
    return w


def test_two_by_two_converges_to_the_hand_solution():
    """Counts 40, 10 / 20, 30 raked to 50/50 on both questions.

    Raking keeps the odds ratio (40·30)/(10·20) = 6, so the raked table is
    a, 50 − a / 50 − a, a with a / (50 − a) = √6, a = 50√6 / (1 + √6) = 35.5051.
    """
    answers = sample({(0, 0): 40, (0, 1): 10, (1, 0): 20, (1, 1): 30})
    result = rake(answers, [[0.5, 0.5], [0.5, 0.5]], tolerance=1e-10)
    a = 50 * math.sqrt(6) / (1 + math.sqrt(6))
    assert result.converged
    assert result.reasons == ()
    assert result.total == 100.0
    assert result.weights.sum() == pytest.approx(100.0)
    assert result.weights[0] == pytest.approx(a / 40)
    assert result.weights[40] == pytest.approx((50 - a) / 10)
    assert result.weights[50] == pytest.approx((50 - a) / 20)
    assert result.weights[70] == pytest.approx(a / 30)
    assert result.max_error <= 1e-10
    np.testing.assert_allclose(result.achieved[0], [0.5, 0.5], atol=1e-10)
    assert result.spread.ess == pytest.approx(kish_ess(result.weights))


def test_skipped_answers_keep_their_weight_and_are_left_out_of_the_step():
    """2 answer category 0, 3 category 1, 5 skip; target 50/50.

    The 5 respondents keep a weighted total of 5: 1.25 each in category 0,
    2.5/3 each in category 1; the 5 who skipped keep weight 1; Σw = 10 = n.
    """
    answers = np.array([0, 0, 1, 1, 1, MISSING, MISSING, MISSING, MISSING, MISSING])
    result = rake(answers[:, None], [[0.5, 0.5]])
    assert result.converged and result.iterations == 1
    np.testing.assert_allclose(result.weights, [1.25] * 2 + [2.5 / 3] * 3 + [1.0] * 5)
    assert result.weights.sum() == pytest.approx(10.0)


def test_total_and_base_weights():
    answers = np.array([[0], [1], [1], [1]])
    result = rake(answers, [[0.5, 0.5]], base_weights=np.array([1.0, 1.0, 2.0, 1.0]), total=1000)
    assert result.total == 1000.0
    # Category 1's base weights 1, 2, 1 are scaled alike: 500 · (1, 2, 1) / 4.
    np.testing.assert_allclose(result.weights, [500.0, 125.0, 250.0, 125.0])


def test_list_of_per_question_arrays_is_accepted():
    q0, q1 = np.array([0, 1]), np.array([1, MISSING])  # square: 2 participants, 2 questions
    by_list = rake([q0, q1], [[0.3, 0.7], [0.6, 0.4]])
    by_matrix = rake(np.stack([q0, q1], axis=1), [[0.3, 0.7], [0.6, 0.4]])
    np.testing.assert_allclose(by_list.weights, by_matrix.weights)
    q0, q1 = np.array([0, 1, 1, 0, 1]), np.array([1, 1, 0, 0, MISSING])
    by_list = rake([q0, q1], [[0.3, 0.7], [0.6, 0.4]])
    by_matrix = rake(np.stack([q0, q1], axis=1), [[0.3, 0.7], [0.6, 0.4]])
    np.testing.assert_allclose(by_list.weights, by_matrix.weights)


def test_engine_matches_textbook_unit_level_raking():
    rng = np.random.default_rng(3)
    answers = np.stack(
        [rng.integers(0, 4, 500), rng.integers(0, 3, 500), rng.integers(0, 2, 500)], axis=1
    )
    answers[rng.random(500) < 0.1, 1] = MISSING
    targets = [[0.1, 0.2, 0.3, 0.4], [0.5, 0.25, 0.25], [0.45, 0.55]]
    result = rake(answers, targets, tolerance=1e-12, max_iterations=1000)
    assert result.converged
    np.testing.assert_allclose(result.weights, naive_rake(answers, targets), rtol=1e-8)


def test_empty_category_with_a_positive_target_is_reported():
    answers = np.array([[0, 0], [0, 1], [1, 0]])
    result = rake(answers, [[0.5, 0.3, 0.2], [0.5, 0.5]])
    assert not result.converged
    assert result.iterations == 0
    assert [(r.code, r.question, r.category, r.values) for r in result.reasons] == [
        ("empty_category", 0, 2, {"target": 0.2})
    ]
    np.testing.assert_allclose(result.weights, [1.0, 1.0, 1.0])


def test_a_question_nobody_answered_is_reported():
    answers = np.array([[0, MISSING], [1, MISSING]])
    result = rake(answers, [[0.5, 0.5], [0.5, 0.5]])
    assert [(r.code, r.question) for r in result.reasons] == [("no_respondents", 1)]


def test_contradictory_margins_name_the_categories_and_closest_shares():
    """Everyone in category 0 of question 0 is in category 0 of question 1 and vice versa.

    Targets 70 % and 40 % for these two categories cannot both hold: the closest
    weighting found by the programme keeps question 0 on target and puts question 1
    at 70 / 30.
    """
    answers = sample({(0, 0): 10, (1, 1): 10})
    result = rake(answers, [[0.7, 0.3], [0.4, 0.6]], max_iterations=50)
    assert not result.converged
    assert result.iterations == 50
    assert {r.code for r in result.reasons} == {"contradictory_margins"}
    reasons = {(r.question, r.category): r.values for r in result.reasons}
    assert reasons[(1, 0)] == pytest.approx({"target": 0.4, "closest": 0.7})
    assert reasons[(1, 1)] == pytest.approx({"target": 0.6, "closest": 0.3})
    assert result.weights.sum() == pytest.approx(20.0)


def test_margins_reachable_only_in_the_limit_are_not_converged():
    """Question 0 at 50 % forces pattern (0, 0) to half the weight, so question 1 at
    50 % leaves pattern (1, 0) nothing: the margins hold only as its weight tends to 0."""
    answers = sample({(0, 0): 10, (1, 1): 10, (1, 0): 10})
    result = rake(answers, [[0.5, 0.5], [0.5, 0.5]], max_iterations=100)
    assert not result.converged
    [reason] = result.reasons
    assert reason.code == "not_converged"
    assert reason.values["max_error"] == result.max_error > 1e-6


def test_bounds_too_tight_is_told_apart_from_contradictory_margins():
    answers = sample({(0, 0): 10, (0, 1): 20, (1, 0): 30, (1, 1): 40})
    free = rake(answers, [[0.5, 0.5], [0.5, 0.5]])
    assert free.converged
    # Category 0 of question 0 is 30 % of the sample: reaching half needs g ≥ 5/3.
    trimmed = rake(answers, [[0.5, 0.5], [0.5, 0.5]], bounds=(0.8, 1.2), max_iterations=50)
    assert not trimmed.converged
    assert {r.code for r in trimmed.reasons} == {"bounds_too_tight"}
    assert (0, 0) in {(r.question, r.category) for r in trimmed.reasons}
    assert trimmed.weights.min() >= 0.8 - 1e-6 and trimmed.weights.max() <= 1.2 + 1e-6


def test_bounds_that_can_hold_are_respected():
    rng = np.random.default_rng(0)
    answers = np.stack([rng.integers(0, 3, 2000), rng.integers(0, 2, 2000)], axis=1)
    targets = [[0.4, 0.35, 0.25], [0.55, 0.45]]
    result = rake(answers, targets, bounds=(0.7, 1.4))
    assert result.converged
    assert result.max_error <= 1e-6
    mean = result.weights.mean()
    assert result.weights.min() / mean >= 0.7 - 1e-6
    assert result.weights.max() / mean <= 1.4 + 1e-6


def test_weight_spread_exact():
    spread = weight_spread(np.array([1.0, 1.0, 2.0, 4.0]))
    assert spread.min == 1.0 and spread.max == 4.0 and spread.ratio == 4.0
    assert spread.ess == pytest.approx(64 / 22)
    assert spread.cv == pytest.approx(np.std([1, 1, 2, 4]) / 2)
    assert spread.design_effect == pytest.approx(4 / (64 / 22))
    assert weight_spread(np.array([0.0, 1.0])).ratio == math.inf


@pytest.mark.parametrize(
    ("answers", "targets", "code"),
    [
        (np.array([[0], [2]]), [[0.5, 0.5]], "code_out_of_range"),
        (np.array([[0], [-2]]), [[0.5, 0.5]], "code_out_of_range"),
        (np.array([[0.0], [1.0]]), [[0.5, 0.5]], "code_out_of_range"),
        (np.array([[0], [1]]), [[0.5, 0.6]], "targets_not_shares"),
        (np.array([[0], [1]]), [[1.5, -0.5]], "targets_not_shares"),
        (np.array([[0, 1], [1, 0]]), [[0.5, 0.5]], "shape_mismatch"),
    ],
)
def test_invalid_input_raises_with_a_code(answers, targets, code):
    with pytest.raises(RepresentativenessError) as caught:
        rake(answers, targets)
    assert caught.value.code == code


def test_invalid_bounds_and_weights_raise():
    answers = np.array([[0], [1]])
    with pytest.raises(RepresentativenessError) as caught:
        rake(answers, [[0.5, 0.5]], bounds=(1.2, 2.0))
    assert caught.value.code == "invalid_bounds"
    with pytest.raises(RepresentativenessError) as caught:
        rake(answers, [[0.5, 0.5]], base_weights=np.array([1.0, -1.0]))
    assert caught.value.code == "negative_weight"
    with pytest.raises(RepresentativenessError) as caught:
        rake(answers, [[0.5, 0.5]], total=0)
    assert caught.value.code == "invalid_total"


def test_margins_that_only_hold_by_starving_respondents_are_contradictory():
    """The same question asked twice with different targets: both shares hold only if
    everyone who answered it weighs nothing, which raking never reaches."""
    q = np.array([0, 1, MISSING] * 10)
    other = np.array([0, 1] * 15)
    answers = np.column_stack([other, q, q])
    result = rake(answers, [[0.5, 0.5], [0.48, 0.52], [0.40, 0.60]], max_iterations=30)
    assert not result.converged
    assert {r.code for r in result.reasons} == {"contradictory_margins"}
    assert {r.question for r in result.reasons} <= {1, 2}

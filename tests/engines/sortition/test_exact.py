"""LEXIMIN on instances whose optimal probabilities are known."""

import numpy as np
import pytest

from concerto.engines.sortition import Problem, Quota, read_pool, read_quotas, select
from tests.engines.sortition.helpers import DATA, gender_problem, pool


@pytest.mark.parametrize(("name", "k"), [("example_small_20", 20), ("example_large_200", 200)])
def test_paper_examples_reach_the_reference_minimum(name, k):
    """The paper reports a LEXIMIN minimum of exactly 10.0% on both examples."""
    d = DATA / name
    result = select(Problem(read_pool(d / "respondents.csv"), read_quotas(d / "categories.csv"), k))
    assert result.quality.min_probability == pytest.approx(0.1, abs=1e-6)
    assert result.probabilities == pytest.approx(np.full(len(result.probabilities), 0.1), abs=1e-6)
    assert result.quality.gini == pytest.approx(0.0, abs=1e-6)
    assert result.probabilities.sum() == pytest.approx(k, abs=1e-6)


def test_symmetric_pool_gives_everyone_k_over_n():
    result = select(gender_problem(2, 2, 2, (1, 1), (1, 1)))
    assert result.probabilities.tolist() == pytest.approx([0.5] * 4, abs=1e-9)


def test_forced_member_gets_one_and_others_share_the_rest():
    """One man, three women, k=2 with exactly one of each: the man is always in."""
    result = select(gender_problem(3, 1, 2, (1, 1), (1, 1)))
    assert result.probabilities.tolist() == pytest.approx([1 / 3] * 3 + [1.0], abs=1e-9)
    assert result.optimum == pytest.approx(1 / 3, abs=1e-9)
    assert result.quality.min_probability == pytest.approx(1 / 3, abs=1e-9)


def test_second_level_is_maximised_after_the_first():
    """Quotas force 1 of 4 'a' (1/4) and 2 of 3 'b' (2/3): two LEXIMIN levels."""
    rows = [("a",)] * 4 + [("b",)] * 3
    quotas = (Quota("x", "a", 1, 1), Quota("x", "b", 2, 2))
    result = select(Problem(pool(rows, ("x",)), quotas, 3))
    assert result.probabilities.tolist() == pytest.approx([0.25] * 4 + [2 / 3] * 3, abs=1e-9)
    assert result.stats["levels"] == 2


def test_household_rule_keeps_housemates_apart():
    """p1 and p2 share a household, k=2: p3 is always in, p1 and p2 alternate."""
    p = pool([("u",)] * 3, ("x",), houses=["h1", "h1", None])
    problem = Problem(p, (Quota("x", "u", 0, 2),), 2, household_rule=True)
    result = select(problem)
    assert result.probabilities.tolist() == pytest.approx([0.5, 0.5, 1.0], abs=1e-9)
    without = select(Problem(p, (Quota("x", "u", 0, 2),), 2))
    assert without.probabilities.tolist() == pytest.approx([2 / 3] * 3, abs=1e-9)


def test_already_selected_people_are_in_every_panel():
    """p1 (a woman) is kept: one more woman among 3 and one man among 2."""
    problem = gender_problem(4, 2, 3, (2, 2), (1, 1), already_selected=("p1",))
    result = select(problem)
    assert result.probabilities.tolist() == pytest.approx([1.0] + [1 / 3] * 3 + [0.5] * 2, abs=1e-9)
    assert result.quality.min_probability == pytest.approx(1 / 3, abs=1e-9)


def test_housemates_of_already_selected_cannot_be_selected():
    p = pool([("u",)] * 4, ("x",), houses=["h1", "h1", "h2", "h3"])
    problem = Problem(p, (Quota("x", "u", 0, 4),), 2, household_rule=True, already_selected=("p1",))
    result = select(problem)
    assert result.probabilities.tolist() == pytest.approx([1.0, 0.0, 0.5, 0.5], abs=1e-9)
    # Quality covers people who can still be selected: p3 and p4.
    assert result.quality.min_probability == pytest.approx(0.5, abs=1e-9)


def test_legacy_meets_quotas_but_is_less_fair_than_leximin():
    d = DATA / "example_small_20"
    problem = Problem(read_pool(d / "respondents.csv"), read_quotas(d / "categories.csv"), 20)
    legacy = select(problem, "legacy", legacy_draws=300, seed=1)
    assert legacy.probabilities.sum() == pytest.approx(20, abs=1e-9)
    # The lone conservative woman (row 1) is almost never picked by legacy, 10% by LEXIMIN.
    assert legacy.quality.min_probability < 0.05
    assert legacy.probabilities[0] == legacy.quality.min_probability


def test_to_json_lists_every_person():
    result = select(gender_problem(3, 1, 2, (1, 1), (1, 1)))
    out = result.to_json()
    assert out["min_probability"] == pytest.approx(1 / 3)
    assert set(out["probabilities"]) == {"p1", "p2", "p3", "p4"}


def _three_category_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    values = (("f", "m"), ("y", "o", "v"), ("u", "r"))
    rows = [tuple(str(rng.choice(v)) for v in values) for _ in range(40)]
    quotas = []
    for c, vals in enumerate(values):
        for v in vals:
            count = sum(r[c] == v for r in rows)
            quotas.append(Quota(f"c{c}", v, max(0, round(count * 8 / 40) - 1), count * 8 // 40 + 1))
    return Problem(pool(rows, ("c0", "c1", "c2")), tuple(quotas), 8)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_relaxation_fast_path_matches_level_by_level(monkeypatch, seed):
    """The realised LP-relaxation LEXIMIN equals the level-by-level column generation."""
    from concerto.engines.sortition import leximin

    problem = _three_category_problem(seed)
    fast = select(problem)
    monkeypatch.setattr(leximin, "REALIZE_ROUNDS", 0)
    monkeypatch.setattr(leximin, "WALK_STEPS", 0)
    slow = select(problem)
    assert "relaxation_bound" not in slow.stats
    assert fast.probabilities == pytest.approx(slow.probabilities, abs=1e-6)
    assert fast.optimum == pytest.approx(slow.optimum, abs=1e-6)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_walk_matches_column_generation_realisation(monkeypatch, seed):
    """The Carathéodory walk and column generation realise the same relaxed LEXIMIN."""
    from concerto.engines.sortition import leximin

    problem = _three_category_problem(seed)
    walked = select(problem)
    monkeypatch.setattr(leximin, "WALK_STEPS", 0)
    generated = select(problem)
    assert walked.probabilities == pytest.approx(generated.probabilities, abs=1e-6)
    assert walked.distribution.probs.sum() == pytest.approx(1.0, abs=1e-9)

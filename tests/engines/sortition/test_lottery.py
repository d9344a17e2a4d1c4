"""Rounding to m tickets and the seed-verifiable draw."""

import hashlib

import pytest

from concerto.engines.sortition import (
    LotteryError,
    Problem,
    draw_number,
    make_lottery,
    read_pool,
    read_quotas,
    select,
    verify,
)
from tests.engines.sortition.helpers import DATA, gender_problem


def test_draw_number_follows_the_documented_recipe():
    seed, m = "07-19-23-31-42", 1000
    digest = hashlib.sha256(f"concerto-sortition-v1:{seed}:0".encode()).digest()
    assert draw_number(seed, m) == int.from_bytes(digest, "big") % m + 1 == 818


def test_draw_number_is_in_range_and_depends_on_the_seed():
    numbers = {draw_number(f"seed-{i}", 7) for i in range(200)}
    assert numbers == set(range(1, 8))
    assert draw_number("x", 1) == 1
    assert draw_number("a", 1000) != draw_number("a ", 1000)


def test_lottery_matches_probabilities_and_verifies():
    d = DATA / "example_small_20"
    problem = Problem(read_pool(d / "respondents.csv"), read_quotas(d / "categories.csv"), 20)
    result = select(problem)
    lottery = make_lottery(result, m=1000)
    assert lottery.m == 1000
    assert lottery.max_deviation <= 1e-9  # 10% of 1,000 tickets is a whole number
    out = verify(lottery.to_json(), "07-19-23-31-42", problem)
    assert out.number == 818
    assert out.panel == tuple(sorted(lottery.tickets[817]))
    assert out.checked_quotas


def test_lottery_deviation_is_reported_when_rounding_is_inexact():
    problem = gender_problem(3, 1, 2, (1, 1), (1, 1))
    lottery = make_lottery(select(problem), m=10)
    # 10 tickets hold 10 seats for 3 women: one of them gets 4 tickets, 0.4 instead of 1/3.
    assert lottery.max_deviation == pytest.approx(0.4 - 1 / 3, abs=1e-9)
    counts = [sum("p1" in t for t in lottery.tickets), sum("p4" in t for t in lottery.tickets)]
    assert counts[1] == 10 and counts[0] in (3, 4)


def test_tampered_lottery_is_refused():
    problem = gender_problem(3, 1, 2, (1, 1), (1, 1))
    published = make_lottery(select(problem), m=10).to_json()
    published["tickets"][0] = ["p1", "p2"]
    with pytest.raises(LotteryError, match="empreinte"):
        verify(published, "seed", problem)
    published["digest"] = None
    with pytest.raises(LotteryError, match="quota"):
        verify(published, "seed", problem)

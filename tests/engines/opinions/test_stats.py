"""Representativeness statistics, checked against values computed by hand."""

import numpy as np
import pytest

from concerto.engines.opinions import VoteMatrix, adjusted_rand_index
from concerto.engines.opinions.stats import group_counts, repness_table


def test_repness_on_a_tiny_example():
    """Group 0: 3 agree + 1 pass of 4; group 1: 1 agree, 2 disagree, 1 pass of 4.

    By hand, with pseudo-count 1: pa = (3+1)/(4+2) = 2/3;
    pat = 2·sqrt(5)·(4/5 − 1/2) = 1.341641; ra = (4/6) / (2/6) = 2;
    rat: p1 = 4/5, p2 = 2/5, p̂ = 6/10, z = 0.4 / sqrt(0.6·0.4·(1/5 + 1/5)) = 1.290994;
    pd(group 1) = 3/6; rd = (3/6) / (1/6) = 3.
    """
    dense = np.array([[1.0], [1.0], [1.0], [0.0], [1.0], [-1.0], [-1.0], [0.0]])
    votes = VoteMatrix.from_dense(dense).votes
    counts = group_counts(votes, np.array([0, 0, 0, 0, 1, 1, 1, 1]), 2)
    assert counts[:, 0].tolist() == [[3, 0, 1], [1, 2, 1]]
    t = repness_table(counts, 1.0)
    assert t["pa"][0, 0] == pytest.approx(2 / 3)
    assert t["pat"][0, 0] == pytest.approx(1.341641, abs=1e-6)
    assert t["ra"][0, 0] == pytest.approx(2.0)
    assert t["rat"][0, 0] == pytest.approx(1.290994, abs=1e-6)
    assert t["pd"][1, 0] == pytest.approx(0.5)
    assert t["rd"][1, 0] == pytest.approx(3.0)


def test_unlabelled_rows_are_not_counted():
    votes = VoteMatrix.from_dense(np.array([[1.0], [-1.0], [1.0]])).votes
    counts = group_counts(votes, np.array([0, -1, 0]), 1)
    assert counts[0, 0].tolist() == [2, 0, 0]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),
        ([0, 0, 1, 1], [0, 0, 1, 2], 0.5714285714285715),
        ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
        ([0, 0, 1, 2], [0, 0, 1, 1], 0.5714285714285715),
    ],
)
def test_adjusted_rand_index(a, b, expected):
    assert adjusted_rand_index(np.array(a), np.array(b)) == pytest.approx(expected)

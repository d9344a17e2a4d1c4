"""Who says what: lift, tests, multiple-comparisons corrections and the minimum cell."""

import numpy as np
import pytest
from scipy.stats import chi2_contingency, fisher_exact

from concerto.engines.representativeness import RepresentativenessError, who_says_what
from concerto.engines.representativeness.lift import adjust


def test_lift_and_z_test_against_scipy_chi_square():
    table = np.array([[60, 40], [30, 70], [45, 55]])
    result = who_says_what(table)
    cell = result.cell(0, 0)
    assert cell.count == 60 and cell.group_size == 100
    assert cell.share_in_group == 0.6
    assert cell.share_overall == pytest.approx(135 / 300)
    assert cell.lift == pytest.approx(0.6 / 0.45)
    assert cell.test == "z"
    # Group 0 against the other two, as a 2 × 2 table without continuity correction.
    expected = chi2_contingency([[60, 40], [75, 125]], correction=False).pvalue
    assert cell.p_value == pytest.approx(expected, rel=1e-9)
    assert result.tested == 6 and result.correction == "holm"


def test_holm_correction_and_directions():
    table = np.array([[60, 40], [30, 70], [45, 55]])
    result = who_says_what(table)
    raw = [c.p_value for c in result.cells]
    assert [c.p_adjusted for c in result.cells] == pytest.approx(adjust(raw, "holm"))
    assert result.cell(0, 0).direction == "over"
    assert result.cell(1, 0).direction == "under"
    assert result.cell(1, 1).direction == "over"
    assert result.cell(2, 0).direction is None  # 45 % against 45 %: lift 1


def test_adjust_by_hand():
    p = [0.01, 0.04, 0.03, 0.2]
    assert adjust(p, "holm") == pytest.approx([0.04, 0.09, 0.09, 0.2])
    assert adjust(p, "bh") == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2])


def test_cells_under_the_minimum_are_not_tested():
    table = np.array([[12, 1], [9, 30], [200, 300]])
    result = who_says_what(table, min_cell=10)
    assert result.cell(1, 0).test is None and result.cell(1, 0).p_value is None
    assert result.cell(0, 1).test is None
    # Smallest expected count of group 0 against the rest: 13 · 221 / 552 = 5.2.
    assert result.cell(0, 0).test == "z"
    assert result.tested == 4


def test_fisher_when_an_expected_count_is_below_five():
    table = np.array([[10, 0], [10, 40]])
    cell = who_says_what(table).cell(0, 0)
    assert cell.test == "fisher"
    assert cell.p_value == pytest.approx(fisher_exact([[10, 0], [10, 40]]).pvalue)


def test_multi_label_themes_use_group_sizes():
    """Themes: 40 of 50 contributions of group 0 mention theme 0, and 30 mention theme 1."""
    table = np.array([[40, 30], [20, 20]])
    result = who_says_what(table, group_sizes=np.array([50, 100]), correction="bh")
    cell = result.cell(0, 0)
    assert cell.share_in_group == 0.8
    assert cell.share_overall == pytest.approx(60 / 150)
    assert cell.lift == pytest.approx(2.0)
    assert result.correction == "bh"


def test_invalid_input_raises():
    with pytest.raises(RepresentativenessError) as caught:
        who_says_what(np.array([[1, 2]]), correction="bonferroni")
    assert caught.value.code == "unknown_correction"
    with pytest.raises(RepresentativenessError) as caught:
        who_says_what(np.array([[5, 2]]), group_sizes=np.array([4]))
    assert caught.value.code == "invalid_table"

"""Disclosure control on crafted tables: under k, by difference, across tables."""

import numpy as np
import pytest

from concerto.engines.representativeness import Publication, audit, suppress


def hidden_keys(result, table=None):
    return {
        (c.table, c.key)
        for c, hidden in zip(result.cells, result.suppressed, strict=True)
        if hidden and (table is None or c.table == table)
    }


def test_a_single_small_cell_in_a_row_with_its_total_is_recoverable_by_difference():
    """Row 0 is 3, 40, 50 with its total 93 published: 3 = 93 − 40 − 50."""
    publication = Publication(np.array([[3, 40, 50], [20, 30, 25], [15, 12, 44]]))
    publication.add_table("t", (0, 1))
    keys = [c.key for c in publication.cells]
    primary_only = np.array([key == (0, 0) for key in keys])
    [exposure] = audit(publication, primary_only)
    assert exposure.index == keys.index((0, 0))
    assert exposure.low == pytest.approx(3) and exposure.high == pytest.approx(3)


def test_single_suppression_in_a_row_triggers_a_second_one_and_closes_a_rectangle():
    """The cheapest safe pattern around the 3 is the rectangle 3, 40 / 15, 12."""
    publication = Publication(np.array([[3, 40, 50], [20, 30, 25], [15, 12, 44]]))
    publication.add_table("t", (0, 1))
    result = suppress(publication, k=10)
    primary = {c.key for c, p in zip(result.cells, result.primary, strict=True) if p}
    assert primary == {(0, 0)}
    assert hidden_keys(result) == {("t", (0, 0)), ("t", (0, 1)), ("t", (2, 0)), ("t", (2, 1))}
    assert audit(publication, result.suppressed) == []
    published = dict(zip([c.key for c in result.cells], result.published(), strict=True))
    assert published[(0, 0)] is None and published[(0, None)] == 93
    assert published[(None, None)] == 239


def test_one_way_table_with_total():
    publication = Publication(np.array([3, 40, 50]))
    publication.add_table("t", (0,))
    result = suppress(publication, k=10)
    assert hidden_keys(result) == {("t", (0,)), ("t", (1,))}
    assert result.primary.tolist() == [True, False, False, False]
    assert result.secondary.tolist() == [False, True, False, False]


def test_two_small_cells_summing_to_a_published_zero_are_pinned():
    """A row 0, 0, 60 with its total 60: the two hidden zeros are forced to 0 by the
    total and non-negativity, so a non-zero cell must join them."""
    publication = Publication(np.array([[0, 0, 60], [30, 25, 40]]))
    publication.add_table("t", (0, 1))
    result = suppress(publication, k=10)
    assert audit(publication, result.suppressed) == []
    assert result.secondary.sum() >= 1


def test_table_and_its_marginal_published_separately():
    """Inner cells published without margins, and the answers' totals as another
    table: the 3 is the column total 38 minus 20 and 15 unless more is hidden."""
    counts = np.array([[3, 40], [20, 30], [15, 12]])
    publication = Publication(counts)
    publication.add_table("inner", (0, 1), margins=False)
    publication.add_table("answers", (1,), margins=False)
    primary_only = np.array([c.table == "inner" and c.key == (0, 0) for c in publication.cells])
    assert [e.index for e in audit(publication, primary_only)] == [0]
    result = suppress(publication, k=10)
    assert audit(publication, result.suppressed) == []
    # The smallest other cell of the column joins it: 3 + 15 = 18 is all that is known.
    assert hidden_keys(result) == {("inner", (0, 0)), ("inner", (2, 0))}


def test_two_tables_differing_by_one_category():
    """Answers of all age bands, and of bands 1–3 only: band 0 (4 and 30 people) is
    their difference though never published. Its 4 must not be recoverable."""
    atoms = np.array([[4, 30], [25, 28], [40, 41], [33, 35]])  # band × answer
    publication = Publication(atoms)
    publication.add_table("all bands", (1,))
    for answer in (0, 1, None):
        mask = np.zeros(atoms.shape, dtype=bool)
        mask[1:] = True
        if answer is not None:
            mask[:, 1 - answer] = False
        publication.add_sum("bands 1-3", (answer,), mask)
    assert not suppress(publication, k=10).primary.any()
    # Nothing published is under 10, yet the difference is exposed:
    [exposure] = audit(publication, np.zeros(len(publication.cells), dtype=bool))
    assert exposure.index is None and exposure.low == pytest.approx(4)
    result = suppress(publication, k=10)
    # Hiding the bands 1–3 answers leaves band 0's total (236 − 202 = 34, not small)
    # known, but its split between the two answers anywhere in 0..34.
    assert hidden_keys(result) == {("bands 1-3", (0,)), ("bands 1-3", (1,))}
    assert audit(publication, result.suppressed) == []


def test_zeros_can_be_published_on_request():
    publication = Publication(np.array([0, 40, 50]))
    publication.add_table("t", (0,))
    assert not suppress(publication, k=10, suppress_zeros=False).suppressed.any()
    assert suppress(publication, k=10).suppressed.tolist() == [True, True, False, False]


def test_nothing_hidden_when_every_cell_reaches_k():
    publication = Publication(np.array([[10, 40], [20, 30]]))
    publication.add_table("t", (0, 1))
    result = suppress(publication, k=10)
    assert not result.suppressed.any()
    assert result.published() == result.values.tolist()

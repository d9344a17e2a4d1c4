"""Suppression never leaves a recoverable cell: checked by an independent method.

For a two-way table with its margins, put the totals in an extra row and column
with their sign flipped (the grand total keeps its sign): every row and column of
this augmented table then sums to zero. The published values leave a hidden cell
free exactly when some cycle of hidden cells through it (alternately +1 and −1
along its rows and columns) can be applied without making any count negative:
every feasible change of the hidden cells decomposes into such cycles. This
check shares no code with the engine's linear programmes.
"""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from concerto.engines.representativeness import Publication, audit, suppress

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def augmented(result, rows, cols):
    """(values, hidden, sign) over (rows + 1) × (cols + 1) positions."""
    values, hidden, sign = {}, {}, {}
    for cell, value, is_hidden in zip(result.cells, result.values, result.suppressed, strict=True):
        i, j = cell.key
        pos = (rows if i is None else i, cols if j is None else j)
        values[pos], hidden[pos] = int(value), bool(is_hidden)
        sign[pos] = -1 if (i is None) != (j is None) else 1
    return values, hidden, sign


def can_move(values, hidden, sign, start) -> bool:
    """Whether a sign-alternating cycle of hidden cells through `start` keeps counts ≥ 0."""
    edges = [pos for pos, h in hidden.items() if h]

    def allowed(pos, step):
        return sign[pos] * step > 0 or values[pos] > 0

    def search(row_node, col_node, step, used, rows_seen, cols_seen):
        # At a column node having arrived with `step`; continue by a row move with −step.
        for r, c in edges:
            if c != col_node or (r, c) in used or not allowed((r, c), -step):
                continue
            if r == row_node:
                return True  # closes the cycle (even length, so signs alternate)
            if r in rows_seen:
                continue
            for r2, c2 in edges:
                if r2 != r or (r2, c2) in used or c2 in cols_seen or c2 == col_node:
                    continue
                if not allowed((r2, c2), step):
                    continue
                if search(
                    row_node,
                    c2,
                    step,
                    used | {(r, c), (r2, c2)},
                    rows_seen | {r},
                    cols_seen | {c2},
                ):
                    return True
        return False

    r0, c0 = start
    return any(
        allowed(start, step) and search(r0, c0, step, {start}, {r0}, {c0}) for step in (1, -1)
    )


def counts_strategy(rows, cols):
    cell = st.one_of(st.integers(0, 12), st.integers(10, 80))
    return st.lists(st.lists(cell, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


@SETTINGS
@given(
    st.integers(1, 3).flatmap(lambda r: st.integers(1, 4).flatmap(lambda c: counts_strategy(r, c)))
)
def test_no_suppressed_cell_of_a_two_way_table_is_recoverable(counts):
    table = np.array(counts)
    rows, cols = table.shape
    publication = Publication(table)
    publication.add_table("t", (0, 1))
    result = suppress(publication, k=10)
    assert np.all(result.suppressed[result.values < 10])
    assert not np.any(result.primary & (result.values >= 10))
    values, hidden, sign = augmented(result, rows, cols)
    for pos, is_hidden in hidden.items():
        if is_hidden:
            assert can_move(values, hidden, sign, pos), (pos, table.tolist())


def test_the_independent_check_sees_a_lone_suppression():
    """Sanity check of the checker itself: one hidden cell is pinned, a rectangle is not."""
    publication = Publication(np.array([[3, 40], [20, 30]]))
    publication.add_table("t", (0, 1))
    result = suppress(publication, k=10)
    values, hidden, sign = augmented(result, 2, 2)
    lone = {pos: pos == (0, 0) for pos in hidden}
    assert not can_move(values, lone, sign, (0, 0))
    rectangle = {pos: pos in {(0, 0), (0, 1), (1, 0), (1, 1)} for pos in hidden}
    assert can_move(values, rectangle, sign, (0, 0))
    pinned_zero = {(0, 0): 0, (0, 1): 0, (1, 0): 5, (1, 1): 5}
    zero_values = {**values, **pinned_zero, (0, 2): 0, (2, 0): 5, (2, 1): 5, (1, 2): 10}
    two = {pos: pos in {(0, 0), (0, 1)} for pos in hidden}
    assert not can_move(zero_values, two, sign, (0, 0))  # 0 + 0 = 0 pins both


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.integers(0, 9), st.integers(10, 60)), min_size=12, max_size=12))
def test_three_tables_sharing_margins_leave_nothing_exposed(flat):
    """Three two-way tables of one 2 × 2 × 3 cross-classification share their margins."""
    publication = Publication(np.array(flat).reshape(2, 2, 3))
    for axes in ((0, 1), (1, 2), (0, 2)):
        publication.add_table(str(axes), axes)
    result = suppress(publication, k=10)
    assert np.all(result.suppressed[result.values < 10])
    assert audit(publication, result.suppressed) == []

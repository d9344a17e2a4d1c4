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
from scipy.optimize import linprog

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


def naive_exposures(publication, hidden, k):
    """Protected quantities pinned down, recomputed the plain way: one scipy programme
    per bound over the raw atoms, no merging, no caps, no shared solves."""
    values = publication.values()
    n_atoms = publication.atom_counts.size
    rows = np.zeros((len(publication.cells), n_atoms))
    for i, cell in enumerate(publication.cells):
        rows[i, list(cell.atoms)] = 1
    known = ~np.asarray(hidden)
    signatures = {}
    for atom in range(n_atoms):
        key = tuple(np.flatnonzero(rows[:, atom]))
        if key:
            signatures.setdefault(key, []).append(atom)
    published = {cell.atoms for cell in publication.cells}
    flat = publication.atom_counts.ravel()
    protected = [rows[i] for i in np.flatnonzero(hidden)]
    for atoms in signatures.values():
        if frozenset(atoms) not in published and flat[atoms].sum() < k:
            objective = np.zeros(n_atoms)
            objective[atoms] = 1
            protected.append(objective)
    exposed = []
    for objective in protected:
        bounds = []
        for sign in (1, -1):
            res = linprog(sign * objective, A_eq=rows[known], b_eq=values[known], method="highs")
            bounds.append(np.inf if res.status == 3 else sign * res.fun)
        low, high = bounds[0], bounds[1]
        if np.floor(high + 1e-7) - np.ceil(low - 1e-7) < 1:
            exposed.append((objective, low, high))
    return exposed


@st.composite
def publications(draw):
    """Random tables over a small 3-way cross-classification: two-way tables with or
    without margins, one-way tables, and sums over a category subset (a table
    differing from another by one category)."""
    shape = tuple(draw(st.lists(st.integers(2, 3), min_size=3, max_size=3)))
    size = int(np.prod(shape))
    cell = st.one_of(st.integers(0, 9), st.integers(10, 40))
    atoms = np.array(draw(st.lists(cell, min_size=size, max_size=size))).reshape(shape)
    publication = Publication(atoms)
    pairs = draw(st.lists(st.sampled_from([(0, 1), (1, 2), (0, 2)]), min_size=1, max_size=2))
    for n, axes in enumerate(dict.fromkeys(pairs)):
        publication.add_table(f"t{n}", axes, margins=draw(st.booleans()))
    if draw(st.booleans()):
        axis = draw(st.integers(0, 2))
        publication.add_table("one-way", (axis,))
        subset = np.ones(shape, dtype=bool)
        subset[(slice(None),) * axis + (0,)] = False  # all categories but the first
        publication.add_sum("one-way without the first", (), subset)
    return publication


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(publications())
def test_suppression_leaves_nothing_a_plain_audit_can_recover(publication):
    result = suppress(publication, k=10)
    assert np.all(result.suppressed[result.values < 10])
    assert naive_exposures(publication, result.suppressed, 10) == []

"""Statistical disclosure control of published count tables: primary and secondary suppression.

Model. Every published number is a sum of *atoms*, the cells of the finest
cross-classification behind the tables (e.g. age band × département × answer).
A `Publication` lists the published cells, each with the atoms it sums: inner
cells, row and column totals, grand totals, and any other table built on the same
atoms (a marginal table, the same table with two categories merged). Relations
between tables are then implicit: two published cells that sum the same atoms
are the same number, and a total is the sum of its parts wherever they appear.

The attacker knows every published value, which atoms each published cell sums,
and that counts are non-negative. A suppressed cell is *exposed* when those facts
leave it fewer than `min_range` + 1 possible integer values; with the default
`min_range = 1`, when they determine it exactly. Exposure is checked
exactly, not by pattern: the smallest and largest value of each suppressed cell
over the non-negative solutions of the published equations are computed by linear
programming (HiGHS through `highspy`), and the cell is exposed when fewer than `min_range` + 1
integers lie between them. For two-way tables with margins the programme's
vertices are integral, so the bounds are the attacker's best integer bounds; for
other structures they are a relaxation (the attacker might narrow them a little
further with integer reasoning).

Rule implemented:

1. **Primary suppression**: every published cell whose count is below `k`
   (default 10) is suppressed, zeros included unless `suppress_zeros=False`
   (a zero discloses nobody, but does disclose that a group gave no answer).
2. **Implicit cells**: a group of atoms that is never published as such but is
   the difference of published cells (two tables differing by one category) is
   protected as well when its count is below `k`: it must not be exposed either.
3. **Secondary suppression**: while a suppressed or implicit cell is exposed, one more
   published cell is suppressed, chosen among the cells related to the exposed
   one (its siblings inside a common published total, its parts, then the totals
   containing it), preferring inner cells over totals and small counts over large
   ones, and preferring a candidate that alone removes the exposure. Finding the
   fewest secondary suppressions is NP-hard; this greedy search always ends (at
   worst everything is suppressed) and always ends with no exposed cell.

A single suppressed cell in a row whose total is published is exposed (total
minus the others), so it always triggers a second suppression in that row, and in
a two-way table with margins the suppressions close into rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

import highspy
import numpy as np
import scipy.sparse as sp

from concerto.engines.representativeness.model import RepresentativenessError

DEFAULT_K = 10
_EPS = 1e-7


@dataclass(frozen=True)
class PublishedCell:
    """A published number: `table` and `key` name it, `atoms` are the flat atom indices summed."""

    table: str
    key: tuple
    atoms: frozenset[int]


@dataclass
class Publication:
    """Published cells over the atoms of an n-dimensional count array."""

    atom_counts: np.ndarray
    cells: list[PublishedCell] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.atom_counts = np.asarray(self.atom_counts, dtype=np.int64)
        if np.any(self.atom_counts < 0):
            raise RepresentativenessError("invalid_table", reason="negative_count")

    def add_sum(self, table: str, key: tuple, mask: np.ndarray) -> None:
        """Publish the sum of the atoms where `mask` (shaped like the atoms) is True."""
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != self.atom_counts.shape:
            raise RepresentativenessError("shape_mismatch", shape=tuple(mask.shape))
        self.cells.append(PublishedCell(table, tuple(key), frozenset(np.flatnonzero(mask.ravel()))))

    def add_table(self, table: str, axes: tuple[int, ...], margins: bool = True) -> None:
        """Publish the marginal table over `axes` and, with `margins`, all its totals.

        Keys are tuples with one entry per axis in `axes`: a category index, or
        None for "all categories" (so `(None, None)` is the grand total).
        """
        shape = self.atom_counts.shape
        for axis in axes:
            if not 0 <= axis < len(shape):
                raise RepresentativenessError("shape_mismatch", axis=axis)
        choices = [list(range(shape[a])) + ([None] if margins else []) for a in axes]
        grids = np.indices(shape)
        for key in product(*choices):
            mask = np.ones(shape, dtype=bool)
            for axis, value in zip(axes, key, strict=True):
                if value is not None:
                    mask &= grids[axis] == value
            self.add_sum(table, key, mask)

    def values(self) -> np.ndarray:
        flat = self.atom_counts.ravel()
        return np.array([int(flat[list(c.atoms)].sum()) for c in self.cells], dtype=np.int64)


@dataclass(frozen=True)
class Exposure:
    """A protected quantity that can only lie within [low, high] (`high` may be inf).

    `index` is the published cell's index, or None for a small implicit cell: a
    group of atoms never published as such but obtainable by difference (`atoms`).
    """

    index: int | None
    atoms: frozenset[int]
    low: float
    high: float


@dataclass(frozen=True)
class Suppression:
    """Which published cells to hide. `published()` gives the values with None for hidden."""

    cells: tuple[PublishedCell, ...]
    values: np.ndarray
    primary: np.ndarray
    secondary: np.ndarray
    k: int

    @property
    def suppressed(self) -> np.ndarray:
        return self.primary | self.secondary

    def published(self) -> list[int | None]:
        return [None if s else int(v) for v, s in zip(self.values, self.suppressed, strict=True)]


class _System:
    """The published equations over *blocks*: atoms merged by identical membership.

    Atoms in exactly the same published cells can never be told apart, so a block
    is the finest quantity the publication could ever reveal. A block that is not
    itself a published cell (the overseas band in "all bands" minus "metropolitan
    bands") is an *implicit cell*: it is protected like a published one.
    """

    def __init__(self, publication: Publication) -> None:
        cells = publication.cells
        flat = publication.atom_counts.ravel()
        signature: dict[int, list[int]] = {}
        for i, cell in enumerate(cells):
            for atom in cell.atoms:
                signature.setdefault(atom, []).append(i)
        blocks: dict[tuple[int, ...], set[int]] = {}
        for atom, sig in signature.items():
            blocks.setdefault(tuple(sig), set()).add(atom)
        self.blocks = [frozenset(atoms) for atoms in blocks.values()]
        self.block_counts = np.array([int(flat[list(b)].sum()) for b in self.blocks])
        rows, cols = [], []
        for var, sig in enumerate(blocks):
            rows.extend(sig)
            cols.extend([var] * len(sig))
        self.matrix = sp.csr_array(
            (np.ones(len(rows)), (rows, cols)), shape=(len(cells), max(len(self.blocks), 1))
        ).toarray()
        self.atom_sets = [cell.atoms for cell in cells]
        self._model_key: bytes | None = None
        self._model: highspy.Highs | None = None

    def objective(self, atoms: frozenset[int]) -> np.ndarray:
        return np.array([1.0 if b <= atoms else 0.0 for b in self.blocks])

    def _optimum(self, values, hidden, objective, sign) -> float:
        """The minimum (sign = 1) or maximum (sign = −1) of objective·blocks.

        One HiGHS model per set of hidden cells; only the objective changes between
        calls, so the solver restarts from its last basis."""
        key = hidden.tobytes()
        if self._model_key != key:
            self._model = self._build(values, hidden)
            self._model_key = key
        h = self._model
        n = self.matrix.shape[1]
        h.changeColsCost(n, np.arange(n, dtype=np.int32), sign * objective)
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return sign * h.getInfo().objective_function_value
        # The true counts are feasible, so anything else means unbounded.
        return -sign * np.inf

    def _build(self, values, hidden) -> highspy.Highs:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        n = self.matrix.shape[1]
        h.addVars(n, np.zeros(n), np.full(n, highspy.kHighsInf))
        for i in np.flatnonzero(~hidden):
            cols = np.flatnonzero(self.matrix[i]).astype(np.int32)
            h.addRow(float(values[i]), float(values[i]), cols.size, cols, np.ones(cols.size))
        return h

    def exposed(self, values, hidden, objective, true_value, min_range) -> Exposure | None:
        """The bounds when they leave fewer than `min_range` + 1 integers, else None.

        The true value lies in the interval, so a maximum at least `min_range`
        above it settles the question with one programme instead of two.
        """
        high = self._optimum(values, hidden, objective, -1.0)
        if np.floor(high + _EPS) - true_value >= min_range:
            return None
        low = self._optimum(values, hidden, objective, 1.0)
        if np.floor(high + _EPS) - np.ceil(low - _EPS) >= min_range:
            return None
        return Exposure(None, frozenset(), low, high)


def _exposed(low: float, high: float, min_range: int) -> bool:
    return np.floor(high + _EPS) - np.ceil(low - _EPS) < min_range


def _protected(system: _System, hidden, k, suppress_zeros) -> list[tuple[int | None, frozenset]]:
    """(published index or None, atoms) of every quantity that must stay unknown."""
    out = [(int(i), system.atom_sets[i]) for i in np.flatnonzero(hidden)]
    published = set(system.atom_sets)
    for block, count in zip(system.blocks, system.block_counts, strict=True):
        small = count < k and (suppress_zeros or count > 0)
        if small and block not in published:
            out.append((None, block))
    return out


def _check(system, values, hidden, item, min_range) -> Exposure | None:
    index, atoms = item
    true_value = float(system.block_counts[[b <= atoms for b in system.blocks]].sum())
    found = system.exposed(values, hidden, system.objective(atoms), true_value, min_range)
    return None if found is None else Exposure(index, atoms, found.low, found.high)


def _audit(system, values, hidden, k, suppress_zeros, min_range) -> list[Exposure]:
    exposures = []
    for item in _protected(system, hidden, k, suppress_zeros):
        found = _check(system, values, hidden, item, min_range)
        if found is not None:
            exposures.append(found)
    return exposures


def audit(
    publication: Publication,
    suppressed: np.ndarray,
    *,
    k: int = DEFAULT_K,
    suppress_zeros: bool = True,
    min_range: int = 1,
) -> list[Exposure]:
    """Suppressed cells and small implicit cells that the published cells pin down."""
    system = _System(publication)
    hidden = np.asarray(suppressed, dtype=bool)
    return _audit(system, publication.values(), hidden, k, suppress_zeros, min_range)


def _candidates(system: _System, values, hidden, target: frozenset[int]) -> list[int]:
    """Published cells related to the atoms `target`, best first (see rule 2)."""
    sets = system.atom_sets
    parents = [j for j, s in enumerate(sets) if target <= s and s != target]
    related: set[int] = set()
    for p in parents:
        related.update(j for j, s in enumerate(sets) if s <= sets[p] and not (s & target))
    related.update(j for j, s in enumerate(sets) if s < target)  # its parts
    related.update(parents)
    related = {j for j in related if not hidden[j]}
    if not related:  # pinned through a longer chain of tables: widen the search
        related = {j for j, s in enumerate(sets) if s & target and not hidden[j]}
    if not related:
        related = {j for j in range(len(sets)) if not hidden[j]}

    def is_total(j: int) -> bool:
        return any(sets[o] < sets[j] for o in range(len(sets)))

    return sorted(related, key=lambda j: (is_total(j), int(values[j]), j))


def suppress(
    publication: Publication,
    *,
    k: int = DEFAULT_K,
    suppress_zeros: bool = True,
    min_range: int = 1,
    trials: int = 8,
) -> Suppression:
    """Primary then secondary suppression of `publication` (rule in the module docstring).

    `trials`: how many candidates are tried one by one, looking for one that alone
    removes the exposure, before falling back to the best-ranked one.
    """
    system = _System(publication)
    values = publication.values()
    primary = values < k
    if not suppress_zeros:
        primary &= values > 0
    hidden = primary.copy()
    # Hiding more only widens every interval, so a quantity found safe stays safe:
    # each is checked until it is, and only the newly hidden cells join the queue.
    pending = _protected(system, hidden, k, suppress_zeros)
    while pending:
        item = pending[0]
        if _check(system, values, hidden, item, min_range) is None:
            pending.pop(0)
            continue
        candidates = _candidates(system, values, hidden, item[1])
        # Never empty while something is exposed: with every cell hidden, nothing is known.
        chosen = candidates[0]
        for j in candidates[:trials]:
            trial = hidden.copy()
            trial[j] = True
            if _check(system, values, trial, item, min_range) is None:
                chosen = j
                break
        hidden[chosen] = True
        pending.append((chosen, system.atom_sets[chosen]))
    return Suppression(
        cells=tuple(publication.cells),
        values=values,
        primary=primary,
        secondary=hidden & ~primary,
        k=k,
    )

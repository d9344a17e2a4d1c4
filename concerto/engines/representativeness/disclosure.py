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
programming (HiGHS), and the cell is exposed when fewer than `min_range` + 1
integers lie between them. For two-way tables with margins the programme's
vertices are integral, so the bounds are the attacker's best integer bounds; for
other structures they are a relaxation (the attacker might narrow them a little
further with integer reasoning).

Rule implemented:

1. **Primary suppression**: every published cell whose count is below `k`
   (default 10) is suppressed, zeros included unless `suppress_zeros=False`
   (a zero discloses nobody, but does disclose that a group gave no answer).
2. **Secondary suppression**: while some suppressed cell is exposed, one more
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

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

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
    """Suppressed cell `index` can only lie within [low, high] (`high` may be inf)."""

    index: int
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
    """The published equations over atoms merged by identical membership."""

    def __init__(self, publication: Publication) -> None:
        cells = publication.cells
        n_atoms = publication.atom_counts.size
        # Atoms in exactly the same published cells can never be told apart: merge them.
        signature: dict[int, list[int]] = {}
        for i, cell in enumerate(cells):
            for atom in cell.atoms:
                signature.setdefault(atom, []).append(i)
        groups: dict[tuple[int, ...], int] = {}
        for atom in range(n_atoms):
            sig = tuple(signature.get(atom, ()))
            if not sig:
                continue  # published nowhere: constrains nothing
            groups.setdefault(sig, len(groups))
        self.n_vars = len(groups)
        rows, cols = [], []
        for sig, var in groups.items():
            for i in sig:
                rows.append(i)
                cols.append(var)
        self.matrix = sp.csr_array(
            (np.ones(len(rows)), (rows, cols)), shape=(len(cells), max(self.n_vars, 1))
        )
        self.atom_sets = [cell.atoms for cell in cells]

    def bounds(self, values: np.ndarray, hidden: np.ndarray, index: int) -> tuple[float, float]:
        known = np.flatnonzero(~hidden)
        a_eq = self.matrix[known]
        b_eq = values[known].astype(np.float64)
        objective = self.matrix[[index]].toarray().ravel()
        out = []
        for sign in (1.0, -1.0):
            res = linprog(sign * objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            if res.status == 3:  # unbounded
                out.append(-sign * np.inf)
            else:
                out.append(sign * res.fun)
        return out[0], out[1]


def _exposed(low: float, high: float, min_range: int) -> bool:
    return np.floor(high + _EPS) - np.ceil(low - _EPS) < min_range


def audit(
    publication: Publication, suppressed: np.ndarray, *, min_range: int = 1
) -> list[Exposure]:
    """Suppressed cells whose value the published ones pin down (see the module docstring)."""
    return _audit(_System(publication), publication.values(), np.asarray(suppressed), min_range)


def _audit(system: _System, values, hidden, min_range) -> list[Exposure]:
    exposures = []
    for i in np.flatnonzero(hidden):
        low, high = system.bounds(values, hidden, int(i))
        if _exposed(low, high, min_range):
            exposures.append(Exposure(int(i), low, high))
    return exposures


def _candidates(system: _System, values, hidden, index: int) -> list[int]:
    """Published cells related to `index`, best first (see rule 2)."""
    sets = system.atom_sets
    target = sets[index]
    parents = [j for j, s in enumerate(sets) if j != index and target <= s]
    related: set[int] = set()
    for p in parents:
        related.update(
            j for j, s in enumerate(sets) if s <= sets[p] and not (s & target) and j != p
        )
    related.update(j for j, s in enumerate(sets) if s < target)  # its parts
    related.update(parents)
    related = {j for j in related if not hidden[j]}
    if not related:  # pinned through a longer chain of tables: widen the search
        related = {j for j, s in enumerate(sets) if s & target and not hidden[j]}
    if not related:
        related = {j for j in range(len(sets)) if not hidden[j]}

    def is_total(j: int) -> bool:
        return any(o != j and sets[o] < sets[j] for o in range(len(sets)))

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
    while True:
        exposures = _audit(system, values, hidden, min_range)
        if not exposures:
            break
        index = exposures[0].index
        # Never empty while a cell is exposed: with every cell hidden, nothing is known.
        candidates = _candidates(system, values, hidden, index)
        chosen = candidates[0]
        for j in candidates[:trials]:
            trial = hidden.copy()
            trial[j] = True
            if not _exposed(*system.bounds(values, trial, index), min_range):
                chosen = j
                break
        hidden[chosen] = True
    return Suppression(
        cells=tuple(publication.cells),
        values=values,
        primary=primary,
        secondary=hidden & ~primary,
        k=k,
    )

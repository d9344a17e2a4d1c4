"""Statistical disclosure control of published count tables: primary and secondary suppression.

Model. Every published number is a sum of *atoms*, the cells of the finest
cross-classification behind the tables (e.g. age band × département × answer).
A `Publication` lists the published cells, each with the atoms it sums: inner
cells, row and column totals, grand totals, and any other table built on the same
atoms (a marginal table, the same table with two categories merged). Relations
between tables are then implicit: two published cells that sum the same atoms
are the same number, and a total is the sum of its parts wherever they appear.

The attacker knows every published value, which atoms each published cell sums,
and that counts are non-negative. A protected quantity is *exposed* when those
facts leave it fewer than `min_range` + 1 possible integer values; with the
default `min_range = 1`, when they determine it exactly. This is checked by
computation, not by pattern: the largest (then, if needed, the smallest) value of
the quantity over the non-negative solutions of the published equations comes from
a linear programme (HiGHS through `highspy`). For two-way tables with margins the
programme's vertices are integral, so these are the attacker's best integer
bounds; for other structures they are a relaxation (integer reasoning might narrow
them a little further). Each block of atoms is capped at twice the grand count
plus one, which keeps every programme bounded and can only narrow the intervals,
that is make the check stricter.

Rule implemented:

1. **Primary suppression**: every published cell whose count is below `k`
   (default 10) is suppressed, zeros included unless `suppress_zeros=False`
   (a zero discloses nobody, but does disclose that a group gave no answer).
2. **Implicit cells**: a block of atoms that is never published as such, such as
   a three-way cell behind two two-way tables or the difference of two tables
   differing by one category, is protected as well when its count is below `k`
   (zeros as above): it must not be exposed either. Sums of several blocks that
   are not published cells are not protected on their own.
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
    """A protected quantity that can only lie within [low, high].

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

    One HiGHS model holds every published cell as an equality row; hiding a cell
    frees its row's bounds, and between solves only bounds and the objective
    change, so the solver restarts from its last basis. Every block is capped at
    twice the grand count plus one: it keeps every programme bounded, and only
    gives the attacker a bound weaker than the totals they usually see, so it can
    only make the audit stricter.
    """

    def __init__(self, publication: Publication, min_range: int) -> None:
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
        self.block_counts = np.array([int(flat[list(b)].sum()) for b in self.blocks], dtype=float)
        self.matrix = np.zeros((len(cells), max(len(self.blocks), 1)))
        for var, sig in enumerate(blocks):
            self.matrix[list(sig), var] = 1.0
        self.atom_sets = [cell.atoms for cell in cells]
        self.is_total = [any(o < s for o in self.atom_sets) for s in self.atom_sets]
        self.values = publication.values()
        self.min_range = min_range
        self.cap = 2.0 * float(self.block_counts.sum()) + min_range + 1
        self._model: highspy.Highs | None = None
        self._hidden = np.zeros(len(cells), dtype=bool)
        self._objectives: dict[frozenset[int], np.ndarray] = {}

    def item(self, index: int | None, atoms: frozenset[int]) -> _Item:
        objective = self._objectives.get(atoms)
        if objective is None:
            objective = np.array([1.0 if b <= atoms else 0.0 for b in self.blocks])
            self._objectives[atoms] = objective
        return _Item(index, atoms, objective, float(objective @ self.block_counts))

    def solve(self, hidden: np.ndarray, cost: np.ndarray) -> np.ndarray:
        """Block values minimising cost·blocks under the published (not hidden) cells."""
        h = self._solver()
        for i in np.flatnonzero(hidden != self._hidden):
            low, high = (-highspy.kHighsInf, highspy.kHighsInf)
            if not hidden[i]:
                low = high = float(self.values[i])
            h.changeRowBounds(int(i), low, high)
        self._hidden = hidden.copy()
        n = self.matrix.shape[1]
        h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(h.modelStatusToString(h.getModelStatus()))  # true counts fit
        return np.asarray(h.getSolution().col_value)

    def _solver(self) -> highspy.Highs:
        if self._model is None:
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            h.setOptionValue("presolve", "off")  # keep the basis between solves
            n = self.matrix.shape[1]
            h.addVars(n, np.zeros(n), np.full(n, self.cap))
            for i, row in enumerate(self.matrix):
                cols = np.flatnonzero(row).astype(np.int32)
                value = float(self.values[i])
                h.addRow(value, value, cols.size, cols, np.ones(cols.size))
            self._model = h
        return self._model

    def free(self, low: float, high: float) -> bool:
        """Whether [low, high] holds at least `min_range` + 1 integers."""
        return np.floor(high + _EPS) - np.ceil(low - _EPS) >= self.min_range

    def exposure(self, hidden: np.ndarray, item: _Item) -> Exposure | None:
        """The item's interval when too narrow, else None (one programme when the
        maximum alone, at least `min_range` above the true value, settles it)."""
        high = float(item.objective @ self.solve(hidden, -item.objective))
        if self.free(item.true_value, high):
            return None
        low = float(item.objective @ self.solve(hidden, item.objective))
        if self.free(low, high):
            return None
        return Exposure(item.index, item.atoms, low, high)

    def undecided(self, hidden: np.ndarray, items: list[_Item], rounds: int = 12) -> list[_Item]:
        """Items not yet shown safe by a few shared programmes.

        Any feasible point where an item's value moved far enough from the true one
        proves it safe; pushing many items at once (random weights and directions)
        clears most of them with a handful of solves, and only the rest need their own.
        """
        rng = np.random.default_rng(0)
        left = list(items)
        for _ in range(rounds):
            if len(left) < 2:
                break
            weights = rng.choice([-1.0, 1.0], len(left)) * rng.uniform(0.5, 1.5, len(left))
            x = self.solve(
                hidden,
                np.sum([w * it.objective for w, it in zip(weights, left, strict=True)], axis=0),
            )
            before = len(left)
            left = [it for it in left if not self.free(*sorted((it.true_value, it.objective @ x)))]
            if len(left) == before:
                break
        return left


@dataclass(frozen=True)
class _Item:
    index: int | None
    atoms: frozenset[int]
    objective: np.ndarray
    true_value: float


def _protected(system: _System, hidden, k, suppress_zeros) -> list[_Item]:
    """Every quantity that must stay unknown: hidden cells, then small implicit cells."""
    out = [system.item(int(i), system.atom_sets[i]) for i in np.flatnonzero(hidden)]
    published = set(system.atom_sets)
    for block, count in zip(system.blocks, system.block_counts, strict=True):
        small = count < k and (suppress_zeros or count > 0)
        if small and block not in published:
            out.append(system.item(None, block))
    return out


def audit(
    publication: Publication,
    suppressed: np.ndarray,
    *,
    k: int = DEFAULT_K,
    suppress_zeros: bool = True,
    min_range: int = 1,
) -> list[Exposure]:
    """Suppressed cells and small implicit cells that the published cells pin down."""
    system = _System(publication, min_range)
    hidden = np.asarray(suppressed, dtype=bool)
    items = system.undecided(hidden, _protected(system, hidden, k, suppress_zeros))
    return [e for e in (system.exposure(hidden, it) for it in items) if e is not None]


def _candidates(system: _System, hidden, target: frozenset[int]) -> list[int]:
    """Published cells related to the atoms `target`, best first (see rule 3)."""
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
    return sorted(related, key=lambda j: (system.is_total[j], int(system.values[j]), j))


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
    system = _System(publication, min_range)
    values = system.values
    primary = values < k
    if not suppress_zeros:
        primary &= values > 0
    hidden = primary.copy()
    # Hiding more only widens every interval, so a quantity found safe stays safe:
    # each is checked until it is, and only the newly hidden cells join the queue.
    pending = system.undecided(hidden, _protected(system, hidden, k, suppress_zeros))
    while pending:
        item = pending[0]
        if system.exposure(hidden, item) is None:
            pending.pop(0)
            continue
        # Never empty while something is exposed: with every cell hidden, nothing is known.
        candidates = _candidates(system, hidden, item.atoms)
        chosen = candidates[0]
        for j in candidates[:trials]:
            trial = hidden.copy()
            trial[j] = True
            if system.exposure(trial, item) is None:
                chosen = j
                break
        hidden[chosen] = True
        pending.append(system.item(chosen, system.atom_sets[chosen]))
    return Suppression(
        cells=tuple(publication.cells),
        values=values,
        primary=primary,
        secondary=hidden & ~primary,
        k=k,
    )

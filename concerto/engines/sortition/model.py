"""Typed inputs and outputs of the sortition engine.

A *pool* is the list of respondents (volunteers) with one value per quota
category; *quotas* bound how many panel members may hold each value; a
*problem* adds the panel size, the household rule and the people already
selected. Outputs are a probability distribution over panels plus every
respondent's selection probability.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.reasons import Reason, reason


class SortitionError(Exception):
    """Base class of the engine's errors."""


class InvalidInputError(SortitionError):
    """The input is malformed (unknown value, duplicate identifier, …): `reason` says how,
    as a code and its values (`reasons.py`); the message is its French text."""

    def __init__(self, reason: Reason) -> None:
        self.reason = reason
        super().__init__(reason.text())


@dataclass(frozen=True)
class Quota:
    """Bounds on the number of panel members holding `value` in `category`."""

    category: str
    value: str
    min: int
    max: int


@dataclass(frozen=True)
class Pool:
    """The respondents: `values[i][c]` is respondent i's value for `categories[c]`.

    `households[i]` identifies respondent i's household (None: lives alone as far
    as the household rule is concerned).
    """

    ids: tuple[str, ...]
    categories: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    households: tuple[str | None, ...] | None = None

    def __post_init__(self) -> None:
        if len(self.values) != len(self.ids):
            raise InvalidInputError(reason("rows_ids_mismatch"))
        if len(set(self.ids)) != len(self.ids):
            raise InvalidInputError(reason("duplicate_ids"))
        if self.households is not None and len(self.households) != len(self.ids):
            raise InvalidInputError(reason("household_per_person"))

    @property
    def size(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Problem:
    """One selection problem.

    `household_rule`: at most one panel member per household (needs
    `pool.households`). `already_selected`: identifiers that are in every panel
    (e.g. members kept when replacing someone who declined); they count towards
    k and the quotas.
    """

    pool: Pool
    quotas: tuple[Quota, ...]
    k: int
    household_rule: bool = False
    already_selected: tuple[str, ...] = ()


@dataclass(frozen=True)
class Distribution:
    """A lottery over panels, stated on *profiles*.

    Respondents are grouped into `groups` of interchangeable people (same values,
    no shared household). A profile row `profiles[j]` says how many members of each
    group panel j takes; the members themselves are drawn uniformly inside each
    group, so a respondent of group g is selected with probability
    `sum_j probs[j] * profiles[j, g] / len(groups[g])`. People already selected are
    not in any group and are in every panel.
    """

    groups: tuple[NDArray[np.int64], ...]
    profiles: NDArray[np.int64]
    probs: NDArray[np.float64]

    def group_marginals(self) -> NDArray[np.float64]:
        """Selection probability of one member of each group."""
        sizes = np.array([len(g) for g in self.groups], dtype=np.float64)
        return (self.probs @ self.profiles) / sizes


@dataclass(frozen=True)
class Quality:
    """Fairness figures of a probability allocation (over non-preselected respondents)."""

    min_probability: float
    gini: float
    geometric_mean: float


@dataclass(frozen=True)
class SelectionResult:
    """What `select` returns: probabilities, the distribution and its quality."""

    algorithm: str
    problem: Problem
    probabilities: NDArray[np.float64]
    distribution: Distribution
    quality: Quality
    optimum: float | None = None
    seconds: float = 0.0
    stats: dict[str, float] = field(default_factory=dict)

    def probability_of(self, person_id: str) -> float:
        """Selection probability of one respondent."""
        return float(self.probabilities[self.problem.pool.ids.index(person_id)])

    def to_json(self, *, with_people: bool = True) -> dict[str, object]:
        """JSON-serialisable summary (per-person probabilities if `with_people`)."""
        out: dict[str, object] = {
            "algorithm": self.algorithm,
            "n": self.problem.pool.size,
            "k": self.problem.k,
            "min_probability": self.quality.min_probability,
            "gini": self.quality.gini,
            "geometric_mean": self.quality.geometric_mean,
            "optimum": self.optimum,
            "panels": int(len(self.distribution.probs)),
            "seconds": round(self.seconds, 3),
            "stats": self.stats,
        }
        if with_people:
            out["probabilities"] = {
                pid: float(p)
                for pid, p in zip(self.problem.pool.ids, self.probabilities, strict=True)
            }
        return out

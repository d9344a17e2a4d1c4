"""Compile a `Problem` into the matrices the solvers work on.

Respondents with the same values who share no household with another candidate
are interchangeable: every fair algorithm gives them the same probability, so
they are merged into one *group* and the integer programs count group members
instead of choosing people. This is what keeps LEXIMIN fast on large pools
(example_large_200 has 2,000 respondents but only 3 groups).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.model import InvalidInputError, Problem
from concerto.engines.sortition.reasons import reason


@dataclass(frozen=True)
class Compiled:
    """Solver view of a problem, after removing the people already selected.

    - `features[f]` is a (category, value) pair; `lo[f] <= A[f] @ c <= hi[f]` for a
      profile c (count per group), with `sum(c) == k`.
    - `households` lists, for each household with several candidates, the groups
      (singletons) of its members: at most one of them per panel.
    - `group_features[g, j]`: group g's feature index in the j-th quota category.
    - `fixed`: indices of people already selected (in every panel);
      `excluded`: people who can never be selected because a member of their
      household is already selected.
    """

    n: int
    k: int
    features: tuple[tuple[str, str], ...]
    lo: NDArray[np.int64]
    hi: NDArray[np.int64]
    pool_counts: NDArray[np.int64]
    A: NDArray[np.int64]
    group_features: NDArray[np.int64]
    groups: tuple[NDArray[np.int64], ...]
    sizes: NDArray[np.int64]
    households: tuple[tuple[int, ...], ...]
    fixed: NDArray[np.int64]
    excluded: NDArray[np.int64]
    eligible: NDArray[np.bool_]

    @property
    def n_groups(self) -> int:
        return len(self.groups)

    def person_probabilities(self, group_probs: NDArray[np.float64]) -> NDArray[np.float64]:
        """Expand per-group probabilities to per-person ones (1 for fixed, 0 for excluded)."""
        out = np.zeros(self.n)
        for g, members in enumerate(self.groups):
            out[members] = group_probs[g]
        out[self.fixed] = 1.0
        return out


def compile_problem(problem: Problem) -> Compiled:
    """Validate `problem` and build its solver view. Raises `InvalidInputError`."""
    pool = problem.pool
    cat_index = {c: i for i, c in enumerate(pool.categories)}
    features: list[tuple[str, str]] = []
    feat_index: dict[tuple[str, str], int] = {}
    for q in problem.quotas:
        if q.category not in cat_index:
            raise InvalidInputError(reason("category_not_in_pool", category=q.category))
        if (q.category, q.value) in feat_index:
            raise InvalidInputError(reason("duplicate_quota", category=q.category, value=q.value))
        if q.min < 0 or q.max < q.min:
            raise InvalidInputError(
                reason("invalid_quota", category=q.category, value=q.value, min=q.min, max=q.max)
            )
        feat_index[(q.category, q.value)] = len(features)
        features.append((q.category, q.value))
    quota_cats = sorted({q.category for q in problem.quotas}, key=cat_index.__getitem__)
    if problem.k < 0 or problem.k > pool.size:
        raise InvalidInputError(reason("impossible_panel_size", k=problem.k, pool=pool.size))

    # Feature indices of every person, one per quota category.
    person_feats = np.empty((pool.size, len(quota_cats)), dtype=np.int64)
    for i, row in enumerate(pool.values):
        for j, cat in enumerate(quota_cats):
            key = (cat, row[cat_index[cat]])
            if key not in feat_index:
                raise InvalidInputError(
                    reason("value_without_quota", person=pool.ids[i], value=key[1], category=cat)
                )
            person_feats[i, j] = feat_index[key]

    id_index = {pid: i for i, pid in enumerate(pool.ids)}
    unknown = [pid for pid in problem.already_selected if pid not in id_index]
    if unknown:
        raise InvalidInputError(reason("unknown_selected", people=unknown))
    fixed = np.array(sorted({id_index[pid] for pid in problem.already_selected}), dtype=np.int64)
    if len(fixed) > problem.k:
        raise InvalidInputError(reason("too_many_selected"))

    use_households = problem.household_rule and pool.households is not None
    if problem.household_rule and pool.households is None:
        raise InvalidInputError(reason("household_column_missing"))
    excluded_set: set[int] = set()
    members_by_house: dict[str, list[int]] = defaultdict(list)
    if use_households:
        assert pool.households is not None
        fixed_houses: dict[str, int] = {}
        for i in fixed:
            h = pool.households[i]
            if h is None:
                continue
            if h in fixed_houses:
                raise InvalidInputError(
                    reason(
                        "selected_same_household",
                        first=pool.ids[fixed_houses[h]],
                        second=pool.ids[i],
                    )
                )
            fixed_houses[h] = int(i)
        fixed_set = set(fixed.tolist())
        for i, h in enumerate(pool.households):
            if i in fixed_set or h is None:
                continue
            if h in fixed_houses:
                excluded_set.add(i)
            else:
                members_by_house[h].append(i)

    shared = {i for ms in members_by_house.values() if len(ms) > 1 for i in ms}
    blocked = set(fixed.tolist()) | excluded_set
    group_of_key: dict[tuple[int, ...], list[int]] = {}
    groups: list[list[int]] = []
    person_group: dict[int, int] = {}
    for i in range(pool.size):
        if i in blocked:
            continue
        if i in shared:
            person_group[i] = len(groups)
            groups.append([i])
            continue
        key = tuple(person_feats[i].tolist())
        if key not in group_of_key:
            group_of_key[key] = []
            groups.append(group_of_key[key])
        group_of_key[key].append(i)
    for g, members in enumerate(groups):
        for i in members:
            person_group[i] = g
    households = tuple(
        tuple(person_group[i] for i in ms) for ms in members_by_house.values() if len(ms) > 1
    )

    n_feat = len(features)
    A = np.zeros((n_feat, len(groups)), dtype=np.int64)
    group_features = np.zeros((len(groups), len(quota_cats)), dtype=np.int64)
    for g, members in enumerate(groups):
        A[person_feats[members[0]], g] = 1
        group_features[g] = person_feats[members[0]]
    lo = np.array([q.min for q in problem.quotas], dtype=np.int64)
    hi = np.array([q.max for q in problem.quotas], dtype=np.int64)
    pool_counts = np.bincount(person_feats.ravel(), minlength=n_feat).astype(np.int64)
    taken = np.bincount(person_feats[fixed].ravel(), minlength=n_feat).astype(np.int64)
    eligible = np.ones(pool.size, dtype=bool)
    eligible[fixed] = False
    eligible[sorted(excluded_set)] = False
    return Compiled(
        n=pool.size,
        k=problem.k - len(fixed),
        features=tuple(features),
        lo=np.maximum(lo - taken, 0),
        hi=hi - taken,
        pool_counts=pool_counts,
        A=A,
        group_features=group_features,
        groups=tuple(np.array(m, dtype=np.int64) for m in groups),
        sizes=np.array([len(m) for m in groups], dtype=np.int64),
        households=households,
        fixed=fixed,
        excluded=np.array(sorted(excluded_set), dtype=np.int64),
        eligible=eligible,
    )

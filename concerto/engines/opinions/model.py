"""Typed inputs and outputs of the opinion-map engine.

The vote matrix is a `scipy.sparse.csr_array` of participants × statements whose
*stored* entries are the votes: agree = +1, disagree = -1, pass = 0 (an explicitly
stored zero). An entry that is not stored means "not seen". Every function of the
engine keeps explicit zeros; never call `eliminate_zeros()` on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

AGREE, PASS, DISAGREE = 1, 0, -1


class OpinionsError(ValueError):
    """Raised on an invalid vote matrix or invalid parameters."""


@dataclass(frozen=True)
class VoteMatrix:
    """Participants × statements votes, plus which statements are moderated out.

    `votes` is an int8 CSR array, rows in `participant_ids` order, columns in
    `statement_ids` order, with sorted indices and no duplicates. `moderated_out[j]`
    is True when statement j must not shape the map nor be shown as representative.
    """

    votes: sp.csr_array
    participant_ids: np.ndarray
    statement_ids: np.ndarray
    moderated_out: np.ndarray

    def __post_init__(self) -> None:
        n, m = self.votes.shape
        if len(self.participant_ids) != n or len(self.statement_ids) != m:
            raise OpinionsError("ids do not match the matrix shape")
        if len(self.moderated_out) != m:
            raise OpinionsError("moderated_out must have one flag per statement")
        data = self.votes.data
        if data.size and (data.min() < -1 or data.max() > 1):
            raise OpinionsError("votes must be -1, 0 or +1")

    @property
    def shape(self) -> tuple[int, int]:
        return self.votes.shape

    @property
    def votes_per_participant(self) -> np.ndarray:
        """Number of statements seen (agree, disagree or pass) by each participant."""
        return np.diff(self.votes.indptr)

    @classmethod
    def from_triplets(
        cls,
        participants: np.ndarray,
        statements: np.ndarray,
        values: np.ndarray,
        moderated_out_ids: np.ndarray | None = None,
        statement_ids: np.ndarray | None = None,
    ) -> VoteMatrix:
        """Build from parallel arrays of (participant id, statement id, vote).

        When a (participant, statement) pair occurs several times the *last* one
        wins (a changed vote). Ids are sorted ascending; `statement_ids` may add
        statements nobody has voted on yet.
        """
        participants = np.asarray(participants, dtype=np.int64)
        statements = np.asarray(statements, dtype=np.int64)
        values = np.asarray(values, dtype=np.int8)
        p_ids, rows = np.unique(participants, return_inverse=True)
        s_all = statements if statement_ids is None else np.concatenate([statements, statement_ids])
        s_ids = np.unique(s_all)
        cols = np.searchsorted(s_ids, statements)
        # Keep the last occurrence of each pair: reverse, take first unique, restore order.
        key = rows.astype(np.int64) * len(s_ids) + cols
        _, last_rev = np.unique(key[::-1], return_index=True)
        keep = len(key) - 1 - last_rev
        mat = sp.csr_array((values[keep], (rows[keep], cols[keep])), shape=(len(p_ids), len(s_ids)))
        mat.sort_indices()
        mod = np.zeros(len(s_ids), dtype=bool)
        if moderated_out_ids is not None and len(moderated_out_ids):
            mod = np.isin(s_ids, np.asarray(moderated_out_ids, dtype=np.int64))
        return cls(mat, p_ids, s_ids, mod)

    def with_votes(
        self,
        participants: np.ndarray,
        statements: np.ndarray,
        values: np.ndarray,
        moderated_out_ids: np.ndarray | None = None,
    ) -> VoteMatrix:
        """A new matrix with a batch of (participant id, statement id, vote) applied.

        New participants and statements are added; a repeated pair takes the new vote.
        `moderated_out_ids`, when given, replaces the moderated-out set.
        """
        participants = np.asarray(participants, dtype=np.int64)
        statements = np.asarray(statements, dtype=np.int64)
        values = np.asarray(values, dtype=np.int8)
        p_ids = np.union1d(self.participant_ids, participants)
        s_ids = np.union1d(self.statement_ids, statements)
        n_cols = len(s_ids)
        # The old matrix is canonical (rows, then columns, sorted) and the id maps are
        # monotone, so its keys stay sorted: the batch is merged in linear time
        # instead of rebuilding (and re-sorting) the whole matrix.
        old = self.votes
        old_rows = np.repeat(
            np.searchsorted(p_ids, self.participant_ids), np.diff(old.indptr)
        ).astype(np.int64)
        old_cols = np.searchsorted(s_ids, self.statement_ids)[old.indices].astype(np.int64)
        old_keys = old_rows * n_cols + old_cols
        new_keys = np.searchsorted(p_ids, participants) * n_cols + np.searchsorted(
            s_ids, statements
        )
        # Within the batch the last vote on a pair wins.
        _, last_rev = np.unique(new_keys[::-1], return_index=True)
        keep = len(new_keys) - 1 - last_rev
        new_keys, new_values = new_keys[keep], values[keep]
        position = np.searchsorted(old_keys, new_keys)
        replaced = position < len(old_keys)
        replaced[replaced] = old_keys[position[replaced]] == new_keys[replaced]
        kept = np.ones(len(old_keys), dtype=bool)
        kept[position[replaced]] = False
        old_keys, old_data = old_keys[kept], old.data[kept]
        at = np.searchsorted(old_keys, new_keys)
        keys = np.insert(old_keys, at, new_keys)
        data = np.insert(old_data, at, new_values)
        rows, cols = np.divmod(keys, n_cols)
        indptr = np.zeros(len(p_ids) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(p_ids)), out=indptr[1:])
        matrix = sp.csr_array(
            (data.astype(np.int8), cols.astype(np.int32), indptr), shape=(len(p_ids), n_cols)
        )
        if moderated_out_ids is None:
            moderated_out_ids = self.statement_ids[self.moderated_out]
        mod = np.isin(s_ids, np.asarray(moderated_out_ids, dtype=np.int64))
        return VoteMatrix(matrix, p_ids, s_ids, mod)

    @classmethod
    def from_dense(cls, dense: np.ndarray, moderated_out: np.ndarray | None = None) -> VoteMatrix:
        """Build from a dense float array where NaN means "not seen" (ids are 0..n-1)."""
        dense = np.asarray(dense, dtype=float)
        rows, cols = np.nonzero(~np.isnan(dense))
        n, m = dense.shape
        mat = sp.csr_array((dense[rows, cols].astype(np.int8), (rows, cols)), shape=(n, m))
        mat.sort_indices()
        mod = np.zeros(m, dtype=bool) if moderated_out is None else np.asarray(moderated_out)
        return cls(mat, np.arange(n), np.arange(m), mod.astype(bool))


@dataclass(frozen=True)
class MapParams:
    """Knobs of the pipeline; the defaults are Polis's."""

    n_components: int = 2
    min_votes: int = 7  # Polis: participants with fewer votes are not clustered
    k_min: int = 2
    k_max: int = 5
    base_clusters: int = 100  # Polis clusters ~100 base clusters, then groups them
    k_buffer: int = 4  # Polis: a new group count must win this many updates in a row
    pick_max: int = 5
    confidence: float = 0.90  # one-tailed, for every significance test
    pseudo_count: float = 1.0
    seed: int = 0
    pca_tol: float = 1e-9
    pca_max_iter: int = 300

    def __post_init__(self) -> None:
        if not 2 <= self.k_min <= self.k_max:
            raise OpinionsError("need 2 <= k_min <= k_max")
        if self.n_components < 2:
            raise OpinionsError("the map needs at least 2 components")


@dataclass(frozen=True)
class StatementStat:
    """One statement's statistics in one group (or overall, for consensus).

    `direction` is "agree" or "disagree"; `n_success` counts votes in that
    direction among `n_trials` votes seen; `p_success` is the smoothed share;
    `p_test` its one-proportion z; `repness`/`repness_test` compare the group with
    everyone else (None for consensus statements).
    """

    statement_id: int
    direction: str
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float | None = None
    repness_test: float | None = None
    consensus: float | None = None


@dataclass(frozen=True)
class Group:
    """An opinion group: a stable `label`, its members and representative statements."""

    label: int
    size: int
    centroid: np.ndarray
    representative: list[StatementStat]


@dataclass(frozen=True)
class StatementSummary:
    """Vote counts per statement: `overall[j] = (agree, disagree, pass)`.

    `by_group[g, j]` holds the same triple for the g-th entry of `OpinionMap.groups`,
    counted over clustered participants only.
    """

    overall: np.ndarray
    by_group: np.ndarray

    def shares(self, counts: np.ndarray) -> np.ndarray:
        """Agree / disagree / pass shares of a (…, 3) counts array (0 where nobody voted)."""
        total = counts.sum(axis=-1, keepdims=True)
        return np.divide(counts, total, out=np.zeros(counts.shape), where=total > 0)


@dataclass(frozen=True)
class WarmState:
    """What an update needs from the previous result to warm-start and keep labels."""

    statement_ids: np.ndarray
    components: np.ndarray
    base_centers: np.ndarray
    group_centers: np.ndarray
    group_labels: np.ndarray
    k_candidate: int
    k_streak: int


@dataclass(frozen=True)
class OpinionMap:
    """Result of the pipeline.

    Rows of `participant_xy`, `labels` and `clustered` follow `participant_ids`;
    `labels[i]` is the group label of participant i, -1 when not clustered (fewer
    than `min_votes` votes). Group labels are stable across incremental updates.
    """

    participant_ids: np.ndarray
    statement_ids: np.ndarray
    moderated_out: np.ndarray
    participant_xy: np.ndarray
    statement_xy: np.ndarray
    clustered: np.ndarray
    labels: np.ndarray
    groups: list[Group]
    consensus_agree: list[StatementStat]
    consensus_disagree: list[StatementStat]
    summary: StatementSummary
    silhouettes: dict[int, float]
    state: WarmState = field(repr=False)

    @property
    def k(self) -> int:
        return len(self.groups)

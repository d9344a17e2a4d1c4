"""The opinion-map pipeline: projection, clustering, statistics, warm-started updates."""

from __future__ import annotations

import numpy as np
from scipy.sparse.linalg import ArpackError

from concerto.engines.opinions.clustering import match_labels
from concerto.engines.opinions.grouping import find_groups
from concerto.engines.opinions.model import (
    Group,
    MapParams,
    OpinionMap,
    OpinionsError,
    StatementSummary,
    VoteMatrix,
    WarmState,
)
from concerto.engines.opinions.projection import project
from concerto.engines.opinions.stats import (
    column_counts,
    consensus,
    group_counts,
    repness_table,
    representative,
)

# What `compute_map` raises when the votes cannot be mapped: too few participants, or
# a matrix so degenerate that the eigensolver fails before the engine can say so.
MAP_FAILURES = (OpinionsError, ArpackError, np.linalg.LinAlgError)


def _warm_components(prev: WarmState | None, active_ids: np.ndarray, n_comp: int):
    """Previous components re-indexed on the current active statements (new ones at 0)."""
    if prev is None or prev.components.shape[0] < n_comp:
        return None
    pos = np.searchsorted(prev.statement_ids, active_ids)
    pos = np.minimum(pos, len(prev.statement_ids) - 1)
    found = prev.statement_ids[pos] == active_ids
    start = np.zeros((n_comp, len(active_ids)))
    start[:, found] = prev.components[:n_comp, pos[found]]
    return start if np.any(start) else None


def compute_map(
    matrix: VoteMatrix, params: MapParams | None = None, previous: OpinionMap | None = None
) -> OpinionMap:
    """Run the whole pipeline on `matrix`; pass `previous` for a warm-started update.

    Deterministic for a given matrix, params and previous result. Raises
    `OpinionsError` when fewer than `k_min + 1` participants can be clustered.
    """
    params = params or MapParams()
    prev = previous.state if previous is not None else None
    rng = np.random.default_rng(params.seed)
    n, m = matrix.shape
    active = ~matrix.moderated_out
    active_ids = matrix.statement_ids[active]
    sub = matrix.votes if active.all() else matrix.votes[:, np.flatnonzero(active)].tocsr()
    n_votes = matrix.votes_per_participant
    clustered = n_votes >= min(params.min_votes, m)
    if int(clustered.sum()) <= params.k_min:
        # Checked before the projection: ARPACK fails on a near-empty matrix.
        raise OpinionsError(
            f"only {int(clustered.sum())} participants have enough votes to be clustered"
        )
    # Polis zeroes moderated-out columns instead of dropping them, so in its sparsity
    # scaling every participant "voted" on each of them (see the package docstring).
    n_scaled = np.diff(sub.indptr) + int((~active).sum())
    proj = project(
        sub,
        m,
        n_scaled,
        params.n_components,
        start=_warm_components(prev, active_ids, params.n_components),
        seed=params.seed,
        tol=params.pca_tol,
    )
    xy = proj.participant_xy[clustered]
    if len(xy) <= params.k_min:
        raise OpinionsError(f"only {len(xy)} participants have enough votes to be clustered")

    grouping = find_groups(xy, params, prev, rng)
    fit_centers, member, k = grouping.centers, grouping.member, len(grouping.centers)
    if prev is not None:
        names = match_labels(fit_centers, prev.group_centers, prev.group_labels)
    else:
        # First run: label 0 is the largest group, ties broken by position.
        size_k = np.bincount(member, minlength=k)
        names = np.empty(k, dtype=int)
        names[np.lexsort((fit_centers[:, 0], -size_k))] = np.arange(k)
    labels = np.full(n, -1)
    labels[np.flatnonzero(clustered)] = names[member]
    order = np.argsort(names)  # groups are reported by label
    lab_idx = np.full(n, -1)
    lab_idx[np.flatnonzero(clustered)] = np.argsort(order)[member]

    all_counts = column_counts(matrix.votes)
    counts = group_counts(matrix.votes, lab_idx, k)
    table = repness_table(counts[:, active], params.pseudo_count)
    groups = [
        Group(
            label=int(names[g]),
            size=int((member == g).sum()),
            centroid=fit_centers[g],
            representative=representative(
                table,
                gi,
                active_ids,
                np.ones(len(active_ids), bool),
                params.confidence,
                params.pick_max,
            ),
        )
        for gi, g in enumerate(order)
    ]
    cons_a, cons_d = consensus(
        table,
        all_counts[active],
        active_ids,
        np.ones(len(active_ids), bool),
        params.confidence,
        params.pick_max,
        params.pseudo_count,
    )
    statement_xy = np.full((m, params.n_components), np.nan)
    statement_xy[active] = proj.statement_xy
    state = WarmState(
        statement_ids=active_ids,
        components=proj.components,
        base_centers=grouping.base_centers,
        group_centers=fit_centers[order],
        group_labels=names[order],
        k_candidate=grouping.k_candidate,
        k_streak=grouping.k_streak,
    )
    return OpinionMap(
        participant_ids=matrix.participant_ids,
        statement_ids=matrix.statement_ids,
        moderated_out=matrix.moderated_out,
        participant_xy=proj.participant_xy,
        statement_xy=statement_xy,
        clustered=clustered,
        labels=labels,
        groups=groups,
        consensus_agree=cons_a,
        consensus_disagree=cons_d,
        summary=StatementSummary(overall=all_counts, by_group=counts),
        silhouettes=grouping.silhouettes,
        state=state,
    )

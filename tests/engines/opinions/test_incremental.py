"""Warm-started updates keep group labels and the map's orientation."""

import numpy as np

from concerto.engines.opinions import MapParams, VoteMatrix, compute_map
from tests.engines.opinions.conftest import two_camps


def _triplets(dense: np.ndarray):
    rows, cols = np.nonzero(~np.isnan(dense))
    return rows, cols, dense[rows, cols]


def test_labels_do_not_flip_when_the_other_group_grows():
    """Camp A is largest at first (label 0); after camp B doubles, A keeps label 0.

    A fresh computation on the final votes would call camp B group 0.
    """
    dense = two_camps(n_per_group=60, m=12, seed=2)
    first = np.vstack([dense[:40], dense[60:80]])  # 40 of A, 20 of B
    ids_first = np.r_[np.arange(40), np.arange(60, 80)]
    r, c, v = _triplets(first)
    m1 = VoteMatrix.from_triplets(ids_first[r], c, v)
    before = compute_map(m1)
    assert before.labels[0] == 0 and before.labels[-1] == 1

    more = np.vstack([dense[60:120]])  # all of B; A stays at 40
    r, c, v = _triplets(more)
    m2 = m1.with_votes(r + 60, c, v)
    after = compute_map(m2, previous=before)
    fresh = compute_map(m2)
    assert after.labels[0] == 0 and (after.labels[m2.participant_ids >= 60] == 1).all()
    assert fresh.labels[0] == 1  # what the update avoided
    # Same orientation: the map is not mirrored (camp A stays on the same side).
    side = np.sign(before.participant_xy[:40, 0].mean())
    assert np.sign(after.participant_xy[:40, 0].mean()) == side
    assert np.sign(before.state.components[0] @ after.state.components[0]) == 1


def test_replayed_batches_never_relabel_a_stable_participant():
    rng = np.random.default_rng(5)
    dense = two_camps(n_per_group=50, m=20, seed=5, noise=0.1)
    r, c, v = _triplets(dense)
    order = rng.permutation(len(r))
    batches = np.array_split(order, 5)
    matrix = VoteMatrix.from_triplets(
        r[batches[0]], c[batches[0]], v[batches[0]], statement_ids=np.arange(20)
    )
    result = compute_map(matrix, MapParams(seed=3))
    seen = {}
    for batch in batches[1:]:
        matrix = matrix.with_votes(r[batch], c[batch], v[batch])
        result = compute_map(matrix, MapParams(seed=3), previous=result)
        camp_a = result.labels[(result.participant_ids < 50) & result.clustered]
        camp_b = result.labels[(result.participant_ids >= 50) & result.clustered]
        label_a, label_b = np.bincount(camp_a).argmax(), np.bincount(camp_b).argmax()
        seen.setdefault("a", label_a)
        seen.setdefault("b", label_b)
        assert (label_a, label_b) == (seen["a"], seen["b"])
    assert result.k == 2


def test_with_votes_keeps_passes_and_takes_the_latest_vote():
    m = VoteMatrix.from_triplets(np.array([1, 1, 2]), np.array([0, 1, 0]), np.array([1, 0, -1]))
    m2 = m.with_votes(np.array([1, 3]), np.array([0, 1]), np.array([-1, 0]))
    dense = m2.votes.toarray()
    assert m2.participant_ids.tolist() == [1, 2, 3]
    assert m2.votes.nnz == 4
    assert dense.tolist() == [[-1, 0], [-1, 0], [0, 0]]
    assert m2.votes_per_participant.tolist() == [2, 1, 1]


def test_merging_a_batch_equals_rebuilding_from_all_votes():
    rng = np.random.default_rng(7)
    r = rng.integers(0, 300, 4000)
    c = rng.integers(0, 40, 4000)
    v = rng.integers(-1, 2, 4000)
    base = VoteMatrix.from_triplets(r[:3000], c[:3000], v[:3000], moderated_out_ids=np.array([3]))
    merged = base.with_votes(r[3000:] + 50, c[3000:] + 5, v[3000:])
    rebuilt = VoteMatrix.from_triplets(
        np.concatenate([r[:3000], r[3000:] + 50]),
        np.concatenate([c[:3000], c[3000:] + 5]),
        np.concatenate([v[:3000], v[3000:]]),
        moderated_out_ids=np.array([3]),
    )
    assert np.array_equal(merged.participant_ids, rebuilt.participant_ids)
    assert np.array_equal(merged.statement_ids, rebuilt.statement_ids)
    assert np.array_equal(merged.moderated_out, rebuilt.moderated_out)
    assert np.array_equal(merged.votes.indptr, rebuilt.votes.indptr)
    assert np.array_equal(merged.votes.indices, rebuilt.votes.indices)
    assert np.array_equal(merged.votes.data, rebuilt.votes.data)

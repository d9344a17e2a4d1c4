"""The pipeline finds obvious groups, deterministically, and respects Polis's rules."""

import numpy as np
import pytest

from concerto.engines.opinions import MapParams, OpinionsError, adjusted_rand_index, compute_map
from tests.engines.opinions.conftest import matrix_of, two_camps


def test_two_camps_are_found_exactly():
    """Two camps voting opposite become two groups, one per camp, labelled by size."""
    dense = two_camps(n_per_group=30)
    dense = dense[:-5]  # camp B has 25 members, so camp A is group 0 (the largest)
    result = compute_map(matrix_of(dense))
    assert result.k == 2
    truth = np.array([0] * 30 + [1] * 25)
    assert adjusted_rand_index(truth, result.labels) == 1.0
    assert list(result.labels[:30]) == [0] * 30
    assert [g.label for g in result.groups] == [0, 1]
    assert [g.size for g in result.groups] == [30, 25]
    # Camp A agrees with even statements and disagrees with odd ones; camp B the reverse.
    for group, even in ((result.groups[0], "agree"), (result.groups[1], "disagree")):
        assert len(group.representative) == 5
        for s in group.representative:
            odd = "disagree" if even == "agree" else "agree"
            assert s.direction == (even if s.statement_id % 2 == 0 else odd)


def test_three_camps_choose_k_three():
    rng = np.random.default_rng(1)
    patterns = rng.choice([-1.0, 1.0], size=(3, 24))
    dense = np.repeat(patterns, 40, axis=0)
    dense[rng.random(dense.shape) < 0.05] *= -1
    result = compute_map(matrix_of(dense))
    assert result.k == 3
    assert adjusted_rand_index(np.repeat(np.arange(3), 40), result.labels) == 1.0


def test_same_input_and_seed_give_identical_results():
    dense = two_camps(n_per_group=40, m=16, noise=0.2)
    dense[np.random.default_rng(3).random(dense.shape) < 0.3] = np.nan
    a, b = compute_map(matrix_of(dense)), compute_map(matrix_of(dense))
    assert np.array_equal(a.labels, b.labels)
    assert np.array_equal(a.participant_xy, b.participant_xy)
    assert [s.statement_id for s in a.groups[0].representative] == [
        s.statement_id for s in b.groups[0].representative
    ]
    assert a.silhouettes == b.silhouettes


def test_min_votes_rule():
    """Participants with fewer than 7 votes are placed on the map but not clustered."""
    dense = two_camps(n_per_group=20, m=10)
    dense[0, 6:] = np.nan  # 6 votes: not clustered
    dense[1, 7:] = np.nan  # 7 votes: clustered
    result = compute_map(matrix_of(dense))
    assert not result.clustered[0] and result.labels[0] == -1
    assert result.clustered[1] and result.labels[1] == result.labels[2]
    assert np.isfinite(result.participant_xy[0]).all()
    assert sum(g.size for g in result.groups) == 39
    assert compute_map(matrix_of(dense), MapParams(min_votes=8)).clustered.sum() == 38


def test_moderated_statement_is_excluded():
    """A moderated-out statement shapes nothing and is never representative or consensus."""
    dense = two_camps(n_per_group=20, m=10)
    dense[:, 9] = np.where(np.arange(40) < 20, 1.0, -1.0)  # the most divisive statement
    dense = np.hstack([dense, np.ones((40, 1))])  # and one everybody agrees with
    mod = np.zeros(11, dtype=bool)
    mod[[9, 10]] = True
    result = compute_map(matrix_of(dense, mod))
    shown = [s.statement_id for g in result.groups for s in g.representative]
    shown += [s.statement_id for s in result.consensus_agree + result.consensus_disagree]
    assert 9 not in shown and 10 not in shown
    assert np.isnan(result.statement_xy[9]).all()
    assert result.state.components.shape == (2, 9)
    # Its votes are still counted in the summary.
    assert result.summary.overall[10].tolist() == [40, 0, 0]


def test_consensus_needs_every_group():
    dense = two_camps(n_per_group=20, m=10)
    everyone = np.ones((40, 1))
    only_a = np.where(np.arange(40)[:, None] < 20, 1.0, 0.0)
    result = compute_map(matrix_of(np.hstack([dense, everyone, only_a])))
    assert [s.statement_id for s in result.consensus_agree] == [10]
    assert result.consensus_agree[0].n_success == 40
    assert result.consensus_disagree == []


def test_summary_counts_agree_disagree_pass():
    dense = two_camps(n_per_group=10, m=8, noise=0.0)
    dense[0, 0] = 0.0  # a pass
    dense[1, 0] = np.nan  # not seen
    result = compute_map(matrix_of(dense))
    assert result.summary.overall[0].tolist() == [8, 10, 1]
    g0 = [g.label for g in result.groups].index(result.labels[0])
    assert result.summary.by_group[g0, 0].tolist() == [8, 0, 1]
    shares = result.summary.shares(result.summary.overall)
    assert shares[0].tolist() == pytest.approx([8 / 19, 10 / 19, 1 / 19])


def test_too_few_clusterable_participants():
    with pytest.raises(OpinionsError):
        compute_map(matrix_of(two_camps(n_per_group=1)))


def test_a_near_empty_conversation_is_refused_before_the_projection():
    import pytest

    from concerto.engines.opinions import OpinionsError, VoteMatrix, compute_map

    matrix = VoteMatrix.from_dense(np.array([[1.0]]))
    with pytest.raises(OpinionsError):
        compute_map(matrix)

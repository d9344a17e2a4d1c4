import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.opinionmaps import actions, queries
from concerto.opinionmaps.models import MapResult, Statement, Vote
from concerto.participation.models import Contribution
from tests.factories import UserFactory
from tests.opinionmaps.conftest import CONSENSUS, two_camps


def test_a_later_vote_replaces_the_earlier_one(module, seeds):
    citizen = UserFactory()
    actions.cast_vote(seeds[0], user=citizen, value=Vote.AGREE)
    actions.cast_vote(seeds[0], user=citizen, value=Vote.DISAGREE)
    assert list(Vote.objects.values_list("statement_id", "participant_id", "value")) == [
        (seeds[0].pk, citizen.pk, Vote.DISAGREE)
    ]


def test_an_invalid_vote_value_is_refused_and_nothing_is_stored(module, seeds):
    with pytest.raises(ValidationError):
        actions.cast_vote(seeds[0], user=UserFactory(), value=2)
    assert Vote.objects.count() == 0


def test_a_proposed_statement_stays_pending_and_is_never_shown_to_voters(module, seeds):
    citizen, voter = UserFactory(), UserFactory()
    key = uuid.uuid4()
    statement, created = actions.propose_statement(
        module, author=citizen, text="  Un tramway  vers l'aéroport. ", idempotency_key=key
    )
    again, created_again = actions.propose_statement(
        module, author=citizen, text="Un tramway vers l'aéroport.", idempotency_key=key
    )
    assert (created, created_again, again.pk) == (True, False, statement.pk)
    assert (statement.status, statement.text, statement.is_seed) == (
        Statement.Status.PENDING, "Un tramway vers l'aéroport.", False,
    )  # fmt: skip
    assert Contribution.objects.get().body == "Un tramway vers l'aéroport."

    for seed in seeds:
        actions.cast_vote(seed, user=voter, value=Vote.PASS)
    assert queries.next_statement(module, voter) == (None, 0)
    with pytest.raises(ValidationError):
        actions.cast_vote(statement, user=voter, value=Vote.AGREE)
    assert not Vote.objects.filter(statement=statement).exists()

    actions.moderate_statement(statement, actor=module.process.project_lead, accept=True)
    assert queries.next_statement(module, voter) == (statement, 1)


def test_a_citizen_cannot_moderate(module, seeds):
    statement, _ = actions.propose_statement(
        module, author=UserFactory(), text="Plus de bus la nuit.", idempotency_key=None
    )
    with pytest.raises(PermissionDenied):
        actions.moderate_statement(statement, actor=UserFactory(), accept=True)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PENDING


def test_next_statement_prefers_the_least_voted(module, seeds):
    others = [UserFactory() for _ in range(3)]
    for statement in seeds[:4]:
        for other in others:
            actions.cast_vote(statement, user=other, value=Vote.AGREE)
    citizen = UserFactory()
    assert queries.next_statement(module, citizen) == (seeds[4], len(seeds))
    actions.cast_vote(seeds[4], user=citizen, value=Vote.AGREE)
    assert queries.next_statement(module, citizen) == (seeds[5], len(seeds) - 1)


def test_next_statement_prefers_statements_that_split_the_groups(module, seeds):
    two_camps(module, seeds[:-1] + [seeds[CONSENSUS]])
    latest = actions.recompute_map(module)
    newcomer = UserFactory()
    # Equal vote counts everywhere: the consensus statement splits nobody, so it comes last.
    statement, remaining = queries.next_statement(module, newcomer, latest)
    assert (statement, remaining) == (seeds[0], len(seeds))
    for seed in seeds[:-1]:
        actions.cast_vote(seed, user=newcomer, value=Vote.PASS)
    assert queries.next_statement(module, newcomer, latest) == (seeds[CONSENSUS], 1)
    assert queries.divisiveness(latest.data["summary"], seeds[0].pk) == 2.0
    assert queries.divisiveness(latest.data["summary"], seeds[CONSENSUS].pk) == 0.0


def test_priority_decreases_with_votes_and_passes():
    assert queries.priority(0, 0, 0) > queries.priority(10, 0, 0)
    assert queries.priority(10, 0, 0) > queries.priority(10, 8, 0)
    assert queries.priority(10, 0, 1.5) > queries.priority(10, 0, 0)


def test_the_map_is_computed_and_stored_with_groups_and_consensus(module, seeds):
    two_camps(module, seeds)
    result = actions.recompute_map(module)
    assert (result.insufficient, result.n_votes, result.n_participants) == (False, 90, 10)
    groups = result.data["groups"]
    assert [(g["name"], g["size"]) for g in groups] == [("A", 5), ("B", 5)]
    assert [
        (c["statement_id"], c["direction"], c["agree_pct"]) for c in result.data["consensus"]
    ] == [(seeds[CONSENSUS].pk, "agree", 100)]
    assert sum(n for _x, _y, _label, n in result.data["points"]) == 10
    assert result.data["summary"][str(seeds[0].pk)]["overall"] == [5, 5, 0]
    # The warm state round-trips: an update keeps the groups and their labels.
    again = actions.recompute_map(module)
    assert [(g["name"], g["size"]) for g in again.data["groups"]] == [("A", 5), ("B", 5)]
    assert MapResult.objects.filter(module=module).count() == 2


def test_too_few_votes_stores_an_insufficient_result(module, seeds):
    actions.cast_vote(seeds[0], user=UserFactory(), value=Vote.AGREE)
    result = actions.recompute_map(module)
    assert (result.insufficient, result.data, result.n_votes) == (True, {}, 1)


def test_votes_queue_a_recomputation_once_enough_arrived(
    module, seeds, django_capture_on_commit_callbacks
):
    citizens = [UserFactory() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for citizen in citizens:
            for seed in seeds[:3]:
                actions.cast_vote(seed, user=citizen, value=Vote.AGREE)
    # No map yet: one computation queued, however many votes came before it ran.
    assert list(MapResult.objects.values_list("n_votes", "insufficient")) == [(9, True)]
    with django_capture_on_commit_callbacks(execute=True):
        for citizen in citizens:
            for seed in seeds[3:6]:
                actions.cast_vote(seed, user=citizen, value=Vote.AGREE)
    assert MapResult.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.cast_vote(seeds[6], user=citizens[0], value=Vote.AGREE)
    # 10 votes since the last computation: recomputed.
    assert list(MapResult.objects.order_by("pk").values_list("n_votes", flat=True)) == [9, 19]

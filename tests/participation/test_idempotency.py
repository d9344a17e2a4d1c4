"""An idempotency key belongs to its submitter in its module: a replay returns the
submitter's own contribution, and the same key from anyone else is a new submission."""

import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from concerto.opinionmaps import actions as opinionmap_actions
from concerto.opinionmaps.models import Statement
from concerto.participation.actions import ban_participant, submit_contribution
from concerto.participation.actions.common import RateLimited
from concerto.participation.models import Contribution, ContributionKind
from concerto.participation.offline import enter_offline_contribution
from concerto.proposals import actions as proposal_actions
from tests.factories import UserFactory, open_module
from tests.proposals.conftest import transports

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def propose(module, author, key, body="Relier les villages par des pistes.", **fields):
    return proposal_actions.submit_proposal(
        module, author=author, title=fields.pop("title", "Des pistes cyclables"), body=body,
        idempotency_key=key, **fields,
    )  # fmt: skip


def snapshot(contribution):
    contribution.refresh_from_db()
    return (contribution.module_id, contribution.author_id, contribution.title,
            contribution.body, contribution.status)  # fmt: skip


def test_the_same_key_from_another_person_in_the_same_module_is_a_new_proposal():
    module, _ = open_module("proposals")
    alice, bob, key = UserFactory(), UserFactory(), uuid.uuid4()
    hers, _ = propose(module, alice, key, body="Le texte d'Alice.")
    his, created = propose(module, bob, key, body="Le texte de Bob.")
    assert created is True
    assert his.pk != hers.pk
    assert (his.author, his.body) == (bob, "Le texte de Bob.")
    assert snapshot(hers) == (module.pk, alice.pk, "Des pistes cyclables", "Le texte d'Alice.",
                              "published")  # fmt: skip
    assert Contribution.objects.count() == 2


def test_the_same_key_from_the_same_person_in_another_module_is_a_new_proposal():
    module, _ = open_module("proposals")
    other, _ = open_module("proposals", process=module.process)
    alice, key = UserFactory(), uuid.uuid4()
    first, _ = propose(module, alice, key)
    second, created = propose(other, alice, key)
    assert (created, second.module) == (True, other)
    assert second.pk != first.pk
    assert Contribution.objects.count() == 2


def test_a_replayed_key_in_another_ministrys_module_publishes_the_replayers_own_text(client):
    module, _ = open_module("proposals")
    elsewhere, _ = open_module("proposals")
    assert elsewhere.process.ministry_id != module.process.ministry_id
    alice, mallory, key = UserFactory(), UserFactory(), uuid.uuid4()
    hers, _ = propose(module, alice, key, body="Le texte d'Alice.")
    client.force_login(mallory)

    response = client.post(
        reverse("proposals:module", args=[elsewhere.process.slug, elsewhere.pk]),
        {"title": "Plus de trains", "body": "Le texte de Mallory.", "theme": transports().pk,
         "idempotency_key": str(key)},
    )  # fmt: skip

    his = Contribution.objects.get(author=mallory)
    assert (his.module, his.title, his.body) == (elsewhere, "Plus de trains",
                                                 "Le texte de Mallory.")  # fmt: skip
    assert response.status_code == 302
    assert response.url == reverse(
        "proposals:proposal", args=[elsewhere.process.slug, elsewhere.pk, his.pk]
    )
    assert snapshot(hers) == (module.pk, alice.pk, "Des pistes cyclables", "Le texte d'Alice.",
                              "published")  # fmt: skip
    assert Contribution.objects.count() == 2


def test_a_replayed_key_attaches_the_statement_to_the_replayers_own_contribution():
    proposals, _ = open_module("proposals")
    opinion_map, _ = open_module("opinion_map", process=proposals.process)
    alice, mallory, key = UserFactory(), UserFactory(), uuid.uuid4()
    hers, _ = propose(proposals, alice, key, body="Le texte d'Alice.")
    same_map, _ = opinionmap_actions.propose_statement(
        opinion_map, author=alice, text="Un énoncé d'Alice.", idempotency_key=uuid.uuid4()
    )

    statement, created = opinionmap_actions.propose_statement(
        opinion_map, author=mallory, text="Un tramway vers l'aéroport.", idempotency_key=key
    )
    other, other_created = opinionmap_actions.propose_statement(
        opinion_map, author=mallory, text="Un autre énoncé.",
        idempotency_key=same_map.contribution.idempotency_key,
    )  # fmt: skip

    assert (created, statement.author, statement.text) == (
        True, mallory, "Un tramway vers l'aéroport.",
    )  # fmt: skip
    assert (statement.contribution.author, statement.contribution.module) == (mallory, opinion_map)
    assert statement.contribution.body == "Un tramway vers l'aéroport."
    assert (other_created, other.author, other.contribution.author) == (True, mallory, mallory)
    assert snapshot(hers) == (proposals.pk, alice.pk, "Des pistes cyclables",
                              "Le texte d'Alice.", "published")  # fmt: skip
    assert not Statement.objects.filter(contribution=hers).exists()
    assert Statement.objects.filter(module=opinion_map).count() == 3


def test_a_banned_person_replaying_their_own_key_is_refused():
    module, organiser = open_module("proposals")
    alice, key = UserFactory(), uuid.uuid4()
    hers, _ = propose(module, alice, key)
    ban_participant(module, actor=organiser, user=alice, reason="Insultes répétées")
    with pytest.raises(PermissionDenied):
        propose(module, alice, key)
    assert Contribution.objects.count() == 1


def test_a_replay_after_the_module_closed_is_refused():
    module, _ = open_module("proposals")
    alice, key = UserFactory(), uuid.uuid4()
    propose(module, alice, key)
    yesterday = timezone.localdate() - timedelta(days=1)
    type(module).objects.filter(pk=module.pk).update(closes_on=yesterday)
    module.refresh_from_db()
    with pytest.raises(PermissionDenied):
        propose(module, alice, key)
    assert Contribution.objects.count() == 1


@override_settings(PARTICIPATION_RATE_LIMITS={"contribute": (1, 600), "vote": (5, 600)})
def test_a_replay_counts_against_the_rate_limit_before_the_lookup():
    module, _ = open_module("proposals")
    alice, key = UserFactory(), uuid.uuid4()
    propose(module, alice, key)
    with pytest.raises(RateLimited):
        propose(module, alice, key)
    assert Contribution.objects.count() == 1


def test_an_organisers_offline_key_is_not_a_citizens_key():
    module, organiser = open_module("proposals")
    citizen, key = UserFactory(), uuid.uuid4()
    hers, _ = propose(module, citizen, key, body="En ligne.")
    paper, created = enter_offline_contribution(
        module, actor=organiser, channel="paper", received_on=timezone.localdate(),
        body="Sur papier.", title="Un banc", idempotency_key=key,
    )  # fmt: skip
    assert created is True
    assert (paper.body, paper.channel, paper.author, paper.entered_by) == (
        "Sur papier.", "paper", None, organiser,
    )  # fmt: skip
    assert snapshot(hers)[3] == "En ligne."


def test_pseudonymous_replays_are_told_apart_by_what_was_sent():
    module, _ = open_module("proposals", allow_pseudonym=True)
    key = uuid.uuid4()
    first, created = propose(module, None, key, body="Premier.", pseudonym="Vélo69")
    again, created_again = propose(module, None, key, body="Premier.", pseudonym="Vélo69")
    other, created_other = propose(module, None, key, body="Autre.", pseudonym="Piéton")
    assert (created, created_again, created_other) == (True, False, True)
    assert again.pk == first.pk
    assert (other.body, other.pseudonym) == ("Autre.", "Piéton")
    assert Contribution.objects.filter(kind=ContributionKind.PROPOSAL).count() == 2


def test_a_submission_stores_its_key_with_the_submitters_scope():
    module, _ = open_module("proposals")
    alice, key = UserFactory(), uuid.uuid4()
    hers, _ = submit_contribution(
        module, author=alice, kind="proposal", title="T", body="B", idempotency_key=key
    )
    assert (hers.idempotency_key, hers.idempotency_scope) == (key, f"user:{alice.pk}")

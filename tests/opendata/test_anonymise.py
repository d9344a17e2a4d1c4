"""Pseudonymous author ids of the open data and the public API: keyed with their own
secret, scoped by what is published and by process, never the account number."""

import hashlib
import hmac
import uuid

import pytest
from django.test import override_settings

from concerto.opendata.datasets.participation import CONTRIBUTIONS, PROPOSALS
from concerto.participation.models import Contribution, ContributionKind
from concerto.questionnaires import actions as questionnaire_actions
from tests.factories import UserFactory, open_module
from tests.questionnaires.helpers import bike_questionnaire

pytestmark = pytest.mark.django_db

KEY = "clé-de-pseudonymisation-de-test"


def expected_id(scope: str, process_id: int, user_id: int, key: str = KEY) -> str:
    message = f"{scope}\x00{process_id}\x00u{user_id}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:16]


@pytest.fixture
def state():
    """One citizen who answered a questionnaire and made a proposal in one process, and
    made a proposal in another process."""
    questionnaire, _organiser, q = bike_questionnaire()
    process = questionnaire.process
    proposals, _ = open_module("proposals", process=process)
    citizen = UserFactory(first_name="Camille", last_name="Dupont")
    questionnaire_actions.submit_response(
        questionnaire, participant=citizen,
        answers={q["rides"].pk: "Non", q["ideas"].pk: "Des garages à vélos."},
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    answer = Contribution.objects.get(module=questionnaire, kind=ContributionKind.ANSWER)
    proposal = Contribution.objects.create(
        module=proposals, kind=ContributionKind.PROPOSAL, author=citizen, body="Des pistes."
    )
    elsewhere, _ = open_module("proposals", title="Autre dispositif")
    other = Contribution.objects.create(
        module=elsewhere, kind=ContributionKind.PROPOSAL, author=citizen, body="Ailleurs."
    )
    return citizen, answer, proposal, other


def open_data_ids() -> dict[int, str]:
    return {row["id"]: row["auteur_pseudonyme"] for row in CONTRIBUTIONS.rows()}


def api_ids(client) -> dict[int, str]:
    results = client.get("/api/v1/contributions/?taille=100").json()["results"]
    return {item["id"]: item["author"] for item in results}


@override_settings(PSEUDONYMISATION_KEY=KEY)
def test_a_questionnaire_answer_and_a_proposal_of_one_person_get_unrelated_ids(state, client):
    citizen, answer, proposal, _other = state
    process_id = proposal.module.process_id
    assert answer.module.process_id == process_id and answer.author_id == citizen.pk
    expected = {
        answer.pk: expected_id("questionnaire-answers", process_id, citizen.pk),
        proposal.pk: expected_id("contributions", process_id, citizen.pk),
    }
    assert expected[answer.pk] != expected[proposal.pk]
    for ids in (open_data_ids(), api_ids(client)):
        assert {pk: ids[pk] for pk in expected} == expected
    (row,) = [row for row in PROPOSALS.rows() if row["id"] == proposal.pk]
    assert row["auteur_pseudonyme"] == expected[proposal.pk]


@override_settings(PSEUDONYMISATION_KEY=KEY)
def test_one_person_gets_unrelated_ids_in_two_processes(state, client):
    citizen, _answer, proposal, other = state
    assert proposal.module.process_id != other.module.process_id
    for ids in (open_data_ids(), api_ids(client)):
        assert ids[proposal.pk] == expected_id(
            "contributions", proposal.module.process_id, citizen.pk
        )
        assert ids[other.pk] == expected_id("contributions", other.module.process_id, citizen.pk)
        assert ids[proposal.pk] != ids[other.pk]


def test_ids_are_keyed_with_the_pseudonymisation_key_never_the_secret_key(state, client):
    citizen, answer, proposal, other = state
    pks = [answer.pk, proposal.pk, other.pk]
    with override_settings(PSEUDONYMISATION_KEY=KEY, SECRET_KEY="une-clé" * 8):
        first = [open_data_ids()[pk] for pk in pks]
        assert [api_ids(client)[pk] for pk in pks] == first
    with override_settings(PSEUDONYMISATION_KEY=KEY, SECRET_KEY="une-autre-clé" * 8):
        assert [open_data_ids()[pk] for pk in pks] == first
    with override_settings(PSEUDONYMISATION_KEY="une-autre-clé-de-pseudonymisation"):
        changed = [open_data_ids()[pk] for pk in pks]
    assert all(a != b for a, b in zip(first, changed, strict=True))
    assert str(citizen.pk) not in first
    # Neither the former SHA-256 of the account under SECRET_KEY, nor an HMAC of it.
    process_id = proposal.module.process_id
    for secret in ("une-clé" * 8, "une-autre-clé" * 8):
        unscoped = hmac.new(secret.encode(), f"{process_id}:u{citizen.pk}".encode(), "sha256")
        assert unscoped.hexdigest()[:16] not in first

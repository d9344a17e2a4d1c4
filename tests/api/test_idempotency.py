"""A partner's idempotency key is its own: nobody else can take it first."""

import uuid

import pytest
from django.test import override_settings

from concerto.participation.actions import submit_contribution
from concerto.participation.idempotency import external_key
from concerto.participation.models import Contribution, ContributionKind
from tests.api.test_organisations import post_contribution

pytestmark = pytest.mark.django_db

# The namespace the platform once derived partner keys from: public, in the source.
PUBLIC_NAMESPACE = uuid.UUID("0b6a4f0e-52d4-4a8f-9a33-7f1e8d5c2b19")


def test_a_citizen_sending_the_partners_derived_key_first_does_not_pre_empt_it(state, client):
    guessed = uuid.uuid5(PUBLIC_NAMESPACE, f"api\x1f{state.process.ministry_id}\x1fenvoi-1")
    squatted, _ = submit_contribution(
        state.module, author=state.citizen, kind=ContributionKind.PROPOSAL,
        title="Squat", body="Texte du citoyen.", idempotency_key=guessed,
    )  # fmt: skip

    response = post_contribution(client, state)

    assert response.status_code == 201
    body = response.json()
    assert body["id"] != squatted.pk
    assert (body["body"], body["channel"]) == ("Reçue par courrier.", "mail")
    stored = Contribution.objects.get(pk=body["id"])
    assert (stored.body, stored.entered_by, stored.author) == (
        "Reçue par courrier.", state.referent, None,
    )  # fmt: skip
    squatted.refresh_from_db()
    assert (squatted.body, squatted.author, squatted.channel) == (
        "Texte du citoyen.", state.citizen, "online",
    )  # fmt: skip
    assert Contribution.objects.filter(module=state.module).count() == 5
    again = post_contribution(client, state)
    assert (again.status_code, again.json()["id"]) == (200, body["id"])


def test_server_derived_keys_are_keyed_hashes_of_the_secret():
    with override_settings(SECRET_KEY="a" * 50):
        first = external_key("api", 7, "envoi-1")
        assert external_key("api", 7, "envoi-1") == first
    with override_settings(SECRET_KEY="b" * 50):
        second = external_key("api", 7, "envoi-1")
    assert first != second
    assert uuid.uuid5(PUBLIC_NAMESPACE, "api\x1f7\x1fenvoi-1") not in (first, second)

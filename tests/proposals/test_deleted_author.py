"""Once its author deleted their account, a contribution is signed with a neutral label,
never with the channel it came through ("Proposée par En ligne")."""

import uuid

import pytest

from concerto.privacy.actions import erase_account
from concerto.proposals.actions import comment_proposal, submit_proposal
from concerto.proposals.links import proposal_url
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db


def test_a_deleted_author_shows_as_a_deleted_account(client):
    module, _ = open_module("proposals")
    author = UserFactory(first_name="Inès", last_name="Martin")
    proposal, _ = submit_proposal(
        module, author=author, title="Des pistes cyclables", body="Relier les villages.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    comment_proposal(proposal, author=author, body="Et des arceaux.", idempotency_key=uuid.uuid4())
    erase_account(author)
    proposal.refresh_from_db()
    assert proposal.author_name == "un compte supprimé"

    response = client.get(proposal_url(proposal))
    assert response.status_code == 200
    assert "Proposée par un compte supprimé, le" in response.text
    assert "Un compte supprimé, le" in response.text  # the comment, at the start of its line
    assert "En ligne" not in response.text
    assert "Inès" not in response.text

    listing = client.get(module.get_absolute_url())
    assert "Par un compte supprimé, le" in listing.text


def test_an_offline_contribution_without_author_still_shows_its_channel():
    from concerto.participation.models import Contribution, ContributionKind

    module, _ = open_module("proposals")
    paper = Contribution.objects.create(
        module=module, kind=ContributionKind.PROPOSAL, channel="mail", title="Lettre",
        body="Texte",
    )  # fmt: skip
    assert paper.author_name == "Courrier"

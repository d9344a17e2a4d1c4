"""A withdrawn proposal's address tells its supporters that its author withdrew it, and
when, without its content, and leads back to the module (it was a bare 404)."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from concerto.participation.actions import hide_contribution, withdraw_contribution
from concerto.participation.models import Contribution, HiddenReason
from concerto.privacy.actions import erase_account
from concerto.proposals.actions import submit_proposal, support_proposal
from concerto.proposals.links import proposal_url
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db

WITHDRAWN_AT = datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def _date_withdrawal(proposal):
    """Dates the withdrawal on a known day, for the page's wording."""
    Contribution.objects.filter(pk=proposal.pk).update(withdrawn_at=WITHDRAWN_AT)


def _proposal(module, author):
    proposal, _ = submit_proposal(
        module, author=author, title="Des pistes cyclables", body="Relier les villages.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    return proposal


def test_a_withdrawn_proposal_says_so_with_its_date_and_without_its_content(client):
    module, _ = open_module("proposals", title="Vos idées pour le vélo")
    author, supporter = UserFactory(), UserFactory()
    proposal = _proposal(module, author)
    support_proposal(proposal, user=supporter)
    before = timezone.now()
    withdraw_contribution(proposal, actor=author)
    proposal.refresh_from_db()
    assert before <= proposal.withdrawn_at <= timezone.now()
    _date_withdrawal(proposal)

    client.force_login(supporter)
    response = client.get(proposal_url(proposal))
    assert response.status_code == 410
    text = response.text
    assert "<h1>Proposition retirée</h1>" in text
    assert "Cette proposition a été retirée par son auteur le 4 mars 2026." in text
    assert "Des pistes cyclables" not in text
    assert "Relier les villages" not in text
    assert f'href="{module.get_absolute_url()}"' in text
    assert "Voir les autres propositions de « Vos idées pour le vélo »" in text


def test_the_withdrawal_date_stays_when_the_account_is_erased_later(client):
    module, _ = open_module("proposals")
    author = UserFactory()
    proposal = _proposal(module, author)
    withdraw_contribution(proposal, actor=author)
    _date_withdrawal(proposal)
    erase_account(author)
    response = client.get(proposal_url(proposal))
    assert response.status_code == 410
    assert "retirée par son auteur le 4 mars 2026" in response.text


def test_erasing_an_account_with_withdrawal_dates_the_withdrawal():
    module, _ = open_module("proposals")
    author = UserFactory()
    proposal = _proposal(module, author)
    erase_account(author, withdraw_open_contributions=True)
    proposal.refresh_from_db()
    assert proposal.status == Contribution.Status.WITHDRAWN
    assert proposal.withdrawn_at is not None


def test_a_hidden_proposal_is_still_not_found(client):
    module, organiser = open_module("proposals")
    proposal = _proposal(module, UserFactory())
    hide_contribution(proposal, actor=organiser, reason=HiddenReason.SPAM)
    assert client.get(proposal_url(proposal)).status_code == 404


def test_nobody_comments_a_withdrawn_proposal(client):
    module, _ = open_module("proposals")
    author = UserFactory()
    proposal = _proposal(module, author)
    withdraw_contribution(proposal, actor=author)
    client.force_login(UserFactory())
    response = client.post(proposal_url(proposal) + "commentaires/", {"body": "Dommage."})
    assert response.status_code == 404
    assert not Contribution.objects.filter(parent=proposal).exists()

"""A title or required text that shows nothing (spaces, non-breaking spaces, a zero-width
space) is refused wherever a contribution is created or corrected, with a French message
next to the field; nothing is saved."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from concerto.meetings.actions import create_meeting
from concerto.opinionmaps.actions import propose_statement
from concerto.participation.actions import correct_contribution
from concerto.participation.actions.common import is_blank
from concerto.participation.models import Contribution
from concerto.proposals.actions import comment_proposal, submit_proposal
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db

BLANKS = ["   ", "\u00a0\u00a0", " \u200b ", "\t\n"]


def _proposal(author):
    module, _ = open_module("proposals")
    proposal, _ = submit_proposal(
        module, author=author, title="Des pistes cyclables", body="Relier les villages.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    return proposal


@pytest.mark.parametrize("text", BLANKS)
def test_blank_means_nothing_visible(text):
    assert is_blank(text)


def test_visible_text_is_not_blank():
    assert not is_blank(" a ")
    assert not is_blank("·")


def test_correcting_a_proposal_with_a_title_of_spaces_is_refused_next_to_the_field(client):
    author = UserFactory()
    proposal = _proposal(author)
    client.force_login(author)
    url = reverse("participation:edit", args=[proposal.pk])
    response = client.post(url, {"title": "     ", "body": "Un autre texte."})
    assert response.status_code == 200
    field = re.search(r'<input[^>]*name="title"[^>]*>', response.text).group(0)
    assert 'aria-describedby="id_title-desc-error"' in field
    error = re.search(r'<div id="id_title-desc-error">(.*?)</div>', response.text, re.S)
    assert re.findall(r'<li class="fr-error-text">\s*(.*?)\s*</li>', error.group(1)) == [
        "Donnez un titre à votre proposition."
    ]
    proposal.refresh_from_db()
    assert (proposal.title, proposal.body) == ("Des pistes cyclables", "Relier les villages.")


@pytest.mark.parametrize("title", BLANKS)
def test_the_correction_action_refuses_a_blank_title(title):
    author = UserFactory()
    proposal = _proposal(author)
    with pytest.raises(ValidationError) as error:
        correct_contribution(proposal, actor=author, title=title, body="Un autre texte.")
    assert error.value.message_dict == {"title": ["Donnez un titre à votre proposition."]}
    proposal.refresh_from_db()
    assert (proposal.title, proposal.body) == ("Des pistes cyclables", "Relier les villages.")


def test_the_correction_action_refuses_a_blank_body():
    author = UserFactory()
    proposal = _proposal(author)
    with pytest.raises(ValidationError) as error:
        correct_contribution(proposal, actor=author, title="Autre titre", body="\u200b")
    assert error.value.message_dict == {"body": ["Le texte de la contribution est vide."]}
    proposal.refresh_from_db()
    assert proposal.title == "Des pistes cyclables"


def test_a_comment_keeps_having_no_title():
    author = UserFactory()
    proposal = _proposal(author)
    comment, _ = comment_proposal(
        proposal, author=author, body="D'accord.", idempotency_key=uuid.uuid4()
    )
    correct_contribution(comment, actor=author, body="Tout à fait d'accord.")
    comment.refresh_from_db()
    assert (comment.title, comment.body) == ("", "Tout à fait d'accord.")


def test_a_proposal_with_an_invisible_title_or_body_is_refused():
    module, _ = open_module("proposals")
    author = UserFactory()
    with pytest.raises(ValidationError) as error:
        submit_proposal(
            module, author=author, title="\u200b", body="Texte", idempotency_key=uuid.uuid4()
        )
    assert error.value.message_dict == {"title": ["Donnez un titre à votre proposition."]}
    with pytest.raises(ValidationError) as error:
        submit_proposal(
            module, author=author, title="Titre", body="\u00a0\u200b", idempotency_key=uuid.uuid4()
        )
    assert error.value.message_dict == {"body": ["Le texte de la contribution est vide."]}
    assert Contribution.objects.count() == 0


def test_a_statement_of_invisible_characters_is_refused():
    module, _ = open_module("opinion_map")
    with pytest.raises(ValidationError) as error:
        propose_statement(module, author=UserFactory(), text="\u200b", idempotency_key=None)
    assert error.value.message_dict == {"text": ["L'énoncé est vide."]}


def test_a_meeting_titled_with_spaces_is_refused():
    module, organiser = open_module("meetings")
    starts_at = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        create_meeting(
            module, actor=organiser, title="  \u00a0 ", starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2), online=True,
        )  # fmt: skip
    assert error.value.message_dict == {"title": ["Donnez un titre à la réunion."]}
    assert not module.meetings.exists()

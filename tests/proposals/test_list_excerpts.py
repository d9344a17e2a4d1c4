"""Lists show the first words of a proposal, cut between words on the server; its whole
text is on its own page (a 20,000-character proposal made a 5,594 px card)."""

import re
import uuid

import pytest
from django.urls import reverse

from concerto.participation.templatetags.contributions import EXCERPT_CHARS, excerpt
from concerto.proposals.actions import submit_proposal
from concerto.proposals.links import proposal_url
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db


def test_a_short_text_is_kept_whole():
    assert excerpt("Relier les villages\npar des pistes.") == "Relier les villages par des pistes."


def test_many_words_are_cut_after_forty_words():
    text = " ".join(f"mot{n}" for n in range(100))
    assert excerpt(text) == " ".join(f"mot{n}" for n in range(40)) + "…"


def test_long_words_are_cut_between_two_words():
    text = " ".join(["anticonstitutionnellement"] * 30)  # 30 words, 779 characters
    short = excerpt(text)
    assert short == " ".join(["anticonstitutionnellement"] * 11) + "…"
    assert len(short) <= EXCERPT_CHARS + 1


def test_a_text_without_spaces_is_cut_at_the_limit():
    assert excerpt("x" * 20_000) == "x" * EXCERPT_CHARS + "…"


def test_the_list_shows_an_excerpt_and_the_page_the_whole_text(client):
    module, _ = open_module("proposals")
    author = UserFactory()
    body = ("Développer " + "x" * 19_000 + " fin du texte").strip()
    proposal, _ = submit_proposal(
        module, author=author, title="Un très long texte", body=body, idempotency_key=uuid.uuid4()
    )
    listing = client.get(module.get_absolute_url()).text
    card = re.search(r'<p class="fr-card__desc">(.*?)</p>', listing, re.S).group(1)
    assert card == "Développer…"
    assert "fin du texte" not in listing
    assert "fin du texte" in client.get(proposal_url(proposal)).text

    client.force_login(author)
    mine = client.get(reverse("participation:mine")).text
    assert "Développer…" in mine
    assert "fin du texte" not in mine

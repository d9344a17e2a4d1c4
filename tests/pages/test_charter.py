"""The participation charter is a page (issue 24), linked wherever it is invoked, and its
moderation reasons are the ones moderators choose from."""

import re

import pytest
from django.test import Client

from concerto.accounts.roles import Role
from concerto.participation.actions.moderation import hide_contribution
from concerto.participation.models import Contribution, ContributionKind, HiddenReason
from tests.factories import open_module, user_with_role

pytestmark = pytest.mark.django_db


def test_the_charter_lists_every_reason_a_moderator_can_choose():
    html = Client().get("/charte/").content.decode()
    section = html.split('id="motifs"')[1].split("</ul>")[0]
    assert re.findall(r"<li>([^<]+)</li>", section) == [
        label.replace("'", "&#x27;") for _value, label in HiddenReason.choices
    ]


def test_every_page_links_the_charter_in_its_footer():
    html = Client().get("/").content.decode()
    footer = html.split("<footer")[1]
    assert 'href="/charte/">Charte de participation</a>' in footer


def test_the_proposal_form_and_a_hidden_contribution_link_the_charter():
    module, organiser = open_module("proposals")
    citizen = user_with_role(Role.CITIZEN)
    author = Client()
    author.force_login(citizen)
    form_page = author.get(module.get_absolute_url()).content.decode()
    assert (
        'Elle doit respecter la <a class="fr-link" href="/charte/">charte de participation</a>.'
        in form_page
    )
    contribution = Contribution.objects.create(
        module=module, kind=ContributionKind.PROPOSAL, author=citizen,
        title="Des pistes", body="Des pistes cyclables.",
    )  # fmt: skip
    hide_contribution(contribution, actor=organiser, reason=HiddenReason.SPAM)
    mine = author.get("/mes-contributions/").content.decode()
    assert (
        "Masquée par la modération. Motif : Publicité ou message répété. "
        '<a href="/charte/#moderation">Les motifs de la charte de participation</a>'
    ) in mine

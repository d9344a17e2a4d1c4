"""Proposals that arrived on paper, by mail or at a meeting, typed in or imported by an
organiser, are proposals like online ones: listed with their channel, supported and
answered."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from concerto.followup import actions as followup_actions
from concerto.followup import closing
from concerto.followup.models import AnswerLevel
from concerto.participation.models import Contribution, ContributionKind
from concerto.participation.offline import (
    enter_offline_contribution,
    import_offline_contributions,
    parse_csv,
)
from concerto.processes.lifecycle import Status
from concerto.proposals import actions
from concerto.proposals.models import Support
from tests.factories import UserFactory, complete_process, open_module, walk_to
from tests.followup.conftest import ensure_statuses, status
from tests.proposals.conftest import transports

pytestmark = pytest.mark.django_db


def enter(module, organiser, channel="paper", title="Un abri à vélos au marché", **fields):
    fields.setdefault("body", "Recopié du cahier citoyen de la mairie.")
    contribution, created = enter_offline_contribution(
        module, actor=organiser, channel=channel, title=title,
        received_on=timezone.localdate() - timedelta(days=1), idempotency_key=None,
        author=fields.pop("author", "Jeanne Martin"), **fields,
    )  # fmt: skip
    assert created
    return contribution


def module_page(client, module):
    return client.get(reverse("proposals:module", args=[module.process.slug, module.pk]))


def cards(response) -> list[tuple[str, str]]:
    """(title, channel badge) of each listed proposal."""
    return re.findall(
        r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>.*?'
        r'(?:<p class="fr-badge fr-badge--no-icon fr-badge--purple-glycine channel-badge">'
        r"([^<]+)</p>|</ul>)",
        response.text,
        re.S,
    )


def test_a_paper_proposal_typed_in_is_listed_with_its_channel_badge(client, module, organiser):
    paper = enter(module, organiser)
    assert (paper.kind, paper.channel, paper.title, paper.author_name) == (
        ContributionKind.PROPOSAL, "paper", "Un abri à vélos au marché", "Jeanne Martin",
    )  # fmt: skip
    response = module_page(client, module)
    assert response.status_code == 200
    assert cards(response) == [("Un abri à vélos au marché", "Contribution papier")]
    assert '<h2 id="results-count">' in response.text
    assert "1 proposition" in response.text
    assert "Aucune proposition n&#x27;a encore été déposée." not in response.text


def test_each_offline_channel_has_its_badge_and_online_ones_have_none(client, module, organiser):
    enter(module, organiser, channel="mail", title="Par courrier")
    enter(module, organiser, channel="email", title="Par courriel")
    enter(module, organiser, channel="meeting", title="En réunion")
    actions.submit_proposal(
        module, author=UserFactory(), title="En ligne", body="Déposée sur le site.",
        idempotency_key=None,
    )  # fmt: skip
    listed = dict(cards(module_page(client, module)))
    assert listed == {"Par courrier": "Courrier", "Par courriel": "Courriel",
                      "En réunion": "Réunion publique", "En ligne": ""}  # fmt: skip


def test_an_untitled_paper_proposal_is_titled_with_its_first_words(module, organiser):
    paper = enter(module, organiser, title="", body=(
        "Installer des arceaux devant chaque école primaire de la commune pour que les "
        "enfants puissent venir à vélo en toute sécurité."
    ))  # fmt: skip
    assert paper.kind == ContributionKind.PROPOSAL
    assert paper.title == (
        "Installer des arceaux devant chaque école primaire de la commune pour que…"
    )


def test_a_citizen_supports_a_paper_proposal(module, organiser):
    paper = enter(module, organiser)
    citizen = UserFactory()
    support, created = actions.support_proposal(paper, user=citizen)
    assert (created, support.proposal, support.user) == (True, paper, citizen)
    assert Support.objects.filter(proposal=paper).count() == 1


def test_a_paper_proposal_is_answered_on_its_public_page(
    client, django_capture_on_commit_callbacks
):
    ensure_statuses()
    process = complete_process()
    referent, _advisor = walk_to(process, Status.OPEN)
    module, organiser = open_module("proposals", process=process)
    paper = enter(module, organiser)
    closing.close_participation(process, actor=referent)
    process.refresh_from_db()
    answer = followup_actions.save_answer(
        process, actor=process.sponsor, contributions=[paper],
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"),
                "text": "Des abris seront posés au printemps."},
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        followup_actions.publish_answers(process, actor=process.sponsor)
    response = client.get(reverse("proposals:proposal", args=[process.slug, module.pk, paper.pk]))
    assert response.status_code == 200
    assert f'id="suite-{paper.pk}"' in response.text
    assert "Réponse du commanditaire" in response.text
    assert answer.get_absolute_url() in response.text
    assert "Reçue par : Papier (cahier citoyen, formulaire)" in response.text


def test_imported_rows_of_a_proposals_module_are_listed_proposals(client, module, organiser):
    transports()
    lines = [
        "channel,received_on,author,title,text,theme",
        "mail,2026-01-06,anonyme,Plus de trains le dimanche,Le dimanche il n'y a rien.,",
        "paper,2026-01-07,Paul Durand,,Un service de location de vélos à la gare.,transports",
    ]
    rows = parse_csv("\n".join(lines).encode())
    result = import_offline_contributions(module, actor=organiser, rows=rows)
    assert (result.created, result.existing) == (2, 0)
    stored = Contribution.objects.filter(module=module).order_by("pk")
    assert list(stored.values_list("kind", "channel", "title")) == [
        ("proposal", "mail", "Plus de trains le dimanche"),
        ("proposal", "paper", "Un service de location de vélos à la gare."),
    ]
    assert sorted(cards(module_page(client, module))) == [
        ("Plus de trains le dimanche", "Courrier"),
        ("Un service de location de vélos à la gare.", "Contribution papier"),
    ]


def test_offline_contributions_to_other_modules_stay_free_contributions():
    module, organiser = open_module("dossier")
    contribution = enter(module, organiser, title="")
    assert (contribution.kind, contribution.title) == (ContributionKind.CONTRIBUTION, "")

"""The home page invites (issue 24): the processes open now, closing soonest first, the
State's figures, and a way in for each audience; kept for visitors until the registry or
the follow-up changes (concerto/processes/scopes.py)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from concerto.processes.lifecycle import Status
from tests.factories import complete_process, walk_to

pytestmark = pytest.mark.django_db


def opened(title: str, closes_in: int | None):
    process = complete_process(title=title)
    walk_to(process, Status.OPEN)
    process.refresh_from_db()
    end = None if closes_in is None else timezone.localdate() + timedelta(days=closes_in)
    process.participation_end = end
    process.save()
    return process


def open_cards(html: str) -> list[str]:
    section = html.split('id="participer"')[1].split("</section>")[0]
    return re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', section)


def figure(html: str, name: str) -> str:
    return re.search(rf'id="chiffre-{name}">([^<]+)<', html)[1]


def test_open_processes_closing_soonest_first_and_the_states_figures():
    opened("Sans date de fin", None)
    opened("Ferme dans trente jours", 30)
    opened("Ferme dans deux jours", 2)
    walk_to(complete_process(title="Publié, pas encore ouvert"), Status.PUBLISHED)
    complete_process(title="Brouillon")
    html = Client().get("/").content.decode()
    assert open_cards(html) == [
        "Ferme dans deux jours",
        "Ferme dans trente jours",
        "Sans date de fin",
    ]
    assert (figure(html, "publies"), figure(html, "ouverts")) == ("4", "3")
    assert "Voir les 3 dispositifs ouverts" in html
    assert 'href="/dispositifs/?status=open"' in html


def test_at_most_six_open_processes_and_a_link_to_all_of_them():
    for number in range(7):
        opened(f"Dispositif {number}", number + 1)
    html = Client().get("/").content.decode()
    assert open_cards(html) == [f"Dispositif {number}" for number in range(6)]
    assert "Voir les 7 dispositifs ouverts" in html


def test_each_audience_has_its_way_in():
    html = Client().get("/").content.decode()
    for card, link, url in (
        (1, "Participer à un dispositif ouvert", "/dispositifs/?status=open"),
        (2, "Apprendre la méthode", "/ressources/"),
        (3, "Être accompagné par le CIPC", "/accompagnement/"),
    ):
        block = html.split(f'id="pour-{card}"')[1].split('id="pour-')[0]
        assert f'href="{url}">{link}</a>' in block


def test_a_process_that_opens_shows_at_once_to_visitors():
    assert "Aucun dispositif n'est ouvert" in Client().get("/").content.decode()
    assert Client().get("/").from_cache is True
    opened("Nouveau dispositif", 10)
    response = Client().get("/")
    assert not getattr(response, "from_cache", False)
    assert open_cards(response.content.decode()) == ["Nouveau dispositif"]

"""The public registry: list, search and filters, one process's page, the agenda."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion, Process, Theme
from concerto.processes.views import public
from tests.factories import (
    DirectorateFactory,
    MinistryFactory,
    complete_process,
    user_with_role,
    walk_to,
)

pytestmark = pytest.mark.django_db

FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"]  # fmt: skip


def french_date(day: date) -> str:
    return f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def published(title: str, status: str = Status.PUBLISHED, **fields) -> Process:
    process = complete_process(title=title, **fields)
    walk_to(process, status)
    return process


def card_titles(response) -> list[str]:
    return re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


def count_heading(response) -> str:
    match = re.search(r'<h2 id="results-count">\s*(.*?)\s*</h2>', response.text, re.S)
    return match.group(1)


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# List


def test_registry_lists_published_processes_only(client):
    for status in (Status.SUBMITTED, Status.UNDER_REVIEW, Status.OPINION_ISSUED):
        published(f"Saisine {status}", status=status)
    complete_process(title="Brouillon secret")
    published("Plan vélo")
    published("Convention sur la fin de vie", status=Status.OPEN)

    response = client.get("/dispositifs/")

    assert response.status_code == 200
    assert "<h1>Dispositifs participatifs</h1>" in response.text
    assert count_heading(response) == "2 dispositifs"
    assert sorted(card_titles(response)) == ["Convention sur la fin de vie", "Plan vélo"]
    assert "Brouillon secret" not in response.text
    assert "Saisine" not in response.text


def test_one_result_is_counted_in_the_singular_and_none_says_so(client):
    published("Plan vélo")
    assert count_heading(client.get("/dispositifs/")) == "1 dispositif"
    response = client.get("/dispositifs/?q=introuvable")
    assert count_heading(response) == "Aucun dispositif"
    assert "Aucun dispositif publié ne correspond à votre recherche." in response.text


def test_search_looks_into_title_summary_problem_and_decision_case_insensitively(client):
    neutral = {"summary": "Résumé.", "problem": "Problème.", "decision_at_stake": "Décision."}
    published("Plan vélo", **{**neutral, "summary": "Pédaler en ville."})
    published("Forêts", **{**neutral, "problem": "Les Sécheresses fragilisent les forêts."})
    published("Eau", **{**neutral, "decision_at_stake": "Le partage de l'eau en sécheresses."})
    complete_process(title="Brouillon", **{**neutral, "summary": "sécheresses à venir"})

    assert card_titles(client.get("/dispositifs/?q=PLAN+V%C3%A9lo")) == ["Plan vélo"]
    assert card_titles(client.get("/dispositifs/?q=p%C3%A9daler+ville")) == ["Plan vélo"]
    assert card_titles(client.get("/dispositifs/?q=p%C3%A9daler+campagne")) == []
    assert sorted(card_titles(client.get("/dispositifs/?q=s%C3%A9cheresses"))) == [
        "Eau",
        "Forêts",
    ]


def test_filters_narrow_the_list_and_keep_their_values(client):
    culture, health = MinistryFactory(name="Ministère de la Culture"), MinistryFactory()
    theme = Theme.objects.get(slug="sante")
    bike = published("Plan vélo", ministry=culture, territory_level="regional")
    assembly = published(
        "Convention santé", ministry=health, methods=["deliberative"], status=Status.OPEN
    )
    assembly.themes.set([theme])
    draft = complete_process(title="Brouillon santé", ministry=health, methods=["deliberative"])
    draft.themes.set([theme])

    cases = {
        f"ministry={culture.pk}": ["Plan vélo"],
        "theme=sante": ["Convention santé"],
        "method=deliberative": ["Convention santé"],
        "method=open_meetings": ["Plan vélo"],
        "status=open": ["Convention santé"],
        "territory_level=regional": ["Plan vélo"],
        f"ministry={health.pk}&method=deliberative&status=published": [],
    }
    for query, titles in cases.items():
        assert card_titles(client.get(f"/dispositifs/?{query}")) == titles, query

    response = client.get(f"/dispositifs/?q=convention&ministry={health.pk}&method=deliberative")
    assert '<input type="search" name="q" value="convention"' in response.text
    assert f'<option value="{health.pk}" selected>' in response.text
    assert '<option value="deliberative" selected>' in response.text
    assert "Effacer les filtres" in response.text
    assert bike.slug in client.get("/dispositifs/").text


def test_ministry_filter_offers_only_ministries_with_published_processes(client):
    published("Plan vélo", ministry=MinistryFactory(name="Ministère des Transports"))
    complete_process(ministry=MinistryFactory(name="Ministère du Brouillon"))
    response = client.get("/dispositifs/")
    assert "Ministère des Transports</option>" in response.text
    assert "Ministère du Brouillon" not in response.text


def test_an_invalid_filter_is_reported_and_the_others_still_apply(client):
    published("Plan vélo")
    published("Convention", methods=["deliberative"])
    response = client.get("/dispositifs/?method=inconnue&q=convention")
    assert card_titles(response) == ["Convention"]
    assert "Sélectionnez un choix valide. inconnue n’en fait pas partie." in response.text
    assert 'aria-describedby="id_method-desc-error"' in response.text


def test_pagination_keeps_the_filters(client, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 2)
    for n in range(3):
        published(f"Consultation {n}", methods=["public_consultation"])
    response = client.get("/dispositifs/?method=public_consultation")
    assert count_heading(response) == "3 dispositifs"
    assert len(card_titles(response)) == 2
    assert 'href="?method=public_consultation&amp;page=2"' in response.text
    second = client.get("/dispositifs/?method=public_consultation&page=2")
    assert len(card_titles(second)) == 1


def test_list_query_count_does_not_grow_with_the_number_of_processes(
    client, django_assert_max_num_queries
):
    theme = Theme.objects.get(slug="transports")
    for n in range(3):
        published(f"Dispositif {n}").themes.set([theme])
    baseline = query_count(client, "/dispositifs/")
    for n in range(3, 12):
        published(f"Dispositif {n}").themes.set([theme])
    with django_assert_max_num_queries(baseline):
        response = client.get("/dispositifs/")
    assert len(card_titles(response)) == 12
    assert "Thèmes : Transports et mobilités" in response.text


# One process


def test_process_page_shows_framing_commitments_sources_and_opinion(client):
    """Reads every part of the page from a process walked through the real actions."""
    ministry = MinistryFactory(name="Ministère des Transports")
    directorate = DirectorateFactory(parent=ministry, name="Direction générale des mobilités")
    agent = user_with_role(Role.AGENT, organisation=directorate)
    process = complete_process(
        ministry=ministry,
        directorate=directorate,
        agent=agent,
        decision_date=date(2027, 3, 15),
        participation_start=date(2026, 10, 1),
        participation_end=date(2026, 11, 30),
        follow_up_date=date(2027, 2, 28),
    )
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    # An edit during the review makes a second version, which the opinion judges.
    actions.update_process(
        process,
        actor=agent,
        expected_revision=process.revision,
        fields={"alternatives": "Pistes cyclables ou stationnement sécurisé."},
    )
    actions.submit_referral(process, actor=referent)
    actions.issue_opinion(
        process,
        actor=advisor,
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Le cadrage est clair.",
        recommendations=["Allonger la consultation.", "Publier les données d'étude."],
    )
    process.refresh_from_db()
    first, second = process.referral.opinion.recommendations.all()
    actions.answer_recommendation(first, actor=agent, answer="accepted", reason="")
    actions.answer_recommendation(
        second, actor=agent, answer="partly", reason="Seules les données agrégées seront publiées."
    )
    actions.publish_process(process, actor=referent)
    response = client.get(f"/dispositifs/{process.slug}/")
    html = response.text

    assert response.status_code == 200
    assert "<h1>Concertation sur le plan vélo</h1>" in html
    for text in [
        "La part modale du vélo stagne.",
        "Le contenu du plan vélo 2027-2030.",
        "Le ministre chargé des transports",
        "15 mars 2027",
        "Les priorités d&#x27;investissement.",
        "L&#x27;enveloppe globale.",
        "Pistes cyclables ou stationnement sécurisé.",
        "Réunions publiques en mairie et questionnaires papier.",
        "Consultation publique",
        "Réunions ouvertes",
        "Du 1er octobre 2026 au 30 novembre 2026",
        "Contribution de la FUB — association d&#x27;usagers",
        "au plus tard le 28 février 2027",
        "Ministère des Transports",
        "Direction générale des mobilités",
        "Directrice générale des mobilités",
        "Favorable avec recommandations",
        "Le cadrage est clair.",
        f"Avis rendu le {french_date(timezone.localdate())} sur la version 2 de la description",
        "Allonger la consultation.",
        "Partiellement acceptée",
        "Seules les données agrégées seront publiées.",
    ]:
        assert text in html, text
    commitment_date = french_date(timezone.localdate() + timedelta(days=170))
    assert (
        "Réponse à chaque proposition : par La direction générale des mobilités, "
        f"au plus tard le {commitment_date} (Page du dispositif)"
    ) in html
    assert re.search(r"Recommandation 1</h4>.*Acceptée", html, re.S)
    assert re.search(r"Recommandation 2</h4>.*Partiellement acceptée", html, re.S)
    # Personal names stay in the workspace.
    assert agent.last_name not in html


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.OPINION_ISSUED]
)
def test_a_process_not_yet_published_has_no_public_page_even_for_the_cipc(client, status):
    process = complete_process()
    if status != Status.DRAFT:
        walk_to(process, status)
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    assert client.get(f"/dispositifs/{process.slug}/").status_code == 404
    assert client.get("/dispositifs/unknown-slug/").status_code == 404


def test_an_opinion_delayed_until_launch_is_announced_then_shown_once_open(client):
    process = published("Plan vélo", publish_opinion_at_launch=True)
    url = f"/dispositifs/{process.slug}/"
    html = client.get(url).text
    assert "L'avis du CIPC sera publié à l'ouverture de la participation." in html
    assert "Dispositif bien cadré." not in html
    assert "Allonger la consultation." not in html

    referent = process.ministry.memberships.get(role=Role.REFERENT).user
    actions.open_participation(process, actor=referent)
    html = client.get(url).text
    assert "sera publié à l'ouverture" not in html
    assert "Dispositif bien cadré." in html
    assert "Allonger la consultation." in html


def test_an_opinion_not_delayed_is_shown_as_soon_as_the_process_is_published(client):
    process = published("Plan vélo")
    html = client.get(f"/dispositifs/{process.slug}/").text
    assert "Dispositif bien cadré." in html
    assert "sur la version 1 de la description" in html


def test_process_page_query_count_does_not_grow_with_recommendations_and_sources(
    client, django_assert_max_num_queries
):
    small = published("Petit dispositif")
    baseline = query_count(client, f"/dispositifs/{small.slug}/")

    big = complete_process(title="Grand dispositif")
    big.themes.set(Theme.objects.all()[:4])
    referent, advisor = walk_to(big, Status.UNDER_REVIEW)
    actions.issue_opinion(
        big,
        actor=advisor,
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="À améliorer.",
        recommendations=[f"Recommandation numéro {n}" for n in range(1, 7)],
    )
    big.refresh_from_db()
    for recommendation in big.referral.opinion.recommendations.all():
        actions.answer_recommendation(
            recommendation, actor=big.sponsor, answer="accepted", reason=""
        )
    actions.publish_process(big, actor=referent)
    with django_assert_max_num_queries(baseline):
        html = client.get(f"/dispositifs/{big.slug}/").text
    assert "Recommandation numéro 6" in html


# Agenda


def test_agenda_lists_open_and_upcoming_participation_by_month(client):
    today = timezone.localdate()
    first_of_month = today.replace(day=1)
    next_month = (first_of_month + timedelta(days=32)).replace(day=1)
    later = (next_month + timedelta(days=70)).replace(day=10)
    open_process = published(
        "Consultation ouverte",
        status=Status.OPEN,
        participation_start=today - timedelta(days=40),
        participation_end=today + timedelta(days=5),
    )
    published(
        "Ouverte en avance",
        status=Status.OPEN,
        participation_start=later,
        participation_end=later + timedelta(days=30),
    )
    published(
        "Convention à venir",
        participation_start=next_month + timedelta(days=2),
        participation_end=next_month + timedelta(days=40),
    )
    published(
        "Budget participatif",
        participation_start=later,
        participation_end=later + timedelta(days=20),
    )
    published(
        "Consultation passée",
        status=Status.OPEN,
        participation_start=today - timedelta(days=60),
        participation_end=today - timedelta(days=1),
    )
    complete_process(title="Brouillon à venir")

    response = client.get("/agenda/")
    html = response.text

    assert response.status_code == 200
    assert "<h1>Agenda de la participation</h1>" in html
    months = re.findall(r'<h2 id="mois-[0-9-]+">([^<]+)</h2>', html)

    def label(day):
        return f"{FRENCH_MONTHS[day.month - 1].capitalize()} {day.year}"

    assert months == [label(today), label(next_month), label(later)]
    titles = re.findall(r'<h3 class="fr-tile__title"><a href="([^"]+)">([^<]+)</a>', html)
    assert [title for _, title in titles] == [
        "Consultation ouverte",
        "Ouverte en avance",
        "Convention à venir",
        "Budget participatif",
    ]
    assert titles[0][0] == f"/dispositifs/{open_process.slug}/"
    assert f"Ouverte jusqu'au {french_date(today + timedelta(days=5))}" in html
    assert f"Ouvre le {french_date(next_month + timedelta(days=2))}" in html
    assert f"Ouvre le {french_date(later)}" in html
    assert f"Ouverte jusqu'au {french_date(later + timedelta(days=30))}" in html
    assert "Brouillon" not in html
    assert "passée" not in html


def test_agenda_says_when_nothing_is_planned(client):
    complete_process(title="Brouillon à venir")
    html = client.get("/agenda/").text
    assert "Aucune participation n'est ouverte ni annoncée pour le moment." in html
    assert "Brouillon" not in html


def test_agenda_query_count_does_not_grow_with_the_number_of_processes(
    client, django_assert_max_num_queries
):
    for n in range(3):
        published(f"Dispositif {n}")
    baseline = query_count(client, "/agenda/")
    for n in range(3, 9):
        published(f"Dispositif {n}")
    with django_assert_max_num_queries(baseline):
        html = client.get("/agenda/").text
    assert html.count('class="fr-tile__title"') == 9


# Navigation


def test_main_menu_and_site_map_link_the_registry_and_the_agenda(client):
    html = client.get("/dispositifs/").text
    assert (
        '<a class="fr-nav__link" href="/dispositifs/" aria-current="page">Dispositifs</a>' in html
    )
    assert '<a class="fr-nav__link" href="/agenda/">Agenda</a>' in html
    sitemap = client.get("/plan-du-site/").text
    assert '<a class="fr-link" href="/dispositifs/">Dispositifs</a>' in sitemap
    assert '<a class="fr-link" href="/agenda/">Agenda</a>' in sitemap

"""A visitor explores the public registry; a CIPC advisor uses the State-wide registry."""

import re
from pathlib import Path

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion
from concerto.processes.views import public
from tests.browser.conftest import check_page, log_in
from tests.factories import (
    PASSWORD,
    MinistryFactory,
    complete_process,
    user_with_role,
    walk_to,
)


def publish_with_answers(process, answers: list[tuple[str, str]]):
    """Walk `process` to publication with one recommendation per answer given."""
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    actions.issue_opinion(
        process,
        actor=advisor,
        verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Le cadrage est clair et la décision encore ouverte.",
        recommendations=[f"Recommandation de test {n}" for n in range(1, len(answers) + 1)],
    )
    process.refresh_from_db()
    recommendations = process.referral.opinion.recommendations.all()
    for recommendation, (answer, reason) in zip(recommendations, answers, strict=True):
        actions.answer_recommendation(
            recommendation, actor=process.sponsor, answer=answer, reason=reason
        )
    actions.publish_process(process, actor=referent)
    return process


def test_a_visitor_searches_filters_and_reads_an_opinion(page, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 1)
    transports = MinistryFactory(name="Ministère des Transports")
    health = MinistryFactory(name="Ministère de la Santé")
    publish_with_answers(
        complete_process(title="Concertation sur le plan vélo", ministry=transports),
        [("accepted", ""), ("partly", "Seules les données agrégées seront publiées.")],
    )
    walk_to(
        complete_process(
            title="Convention citoyenne sur la fin de vie",
            ministry=health,
            summary="150 citoyens tirés au sort.",
            problem="Accompagner la fin de vie.",
            decision_at_stake="Un projet de loi.",
            methods=["deliberative"],
        ),
        Status.OPEN,
    )
    complete_process(title="Brouillon vélo confidentiel", ministry=transports)

    page.goto("/")
    check_page(page, "La participation citoyenne au sein de l'État")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Dispositifs"
    ).click()
    check_page(page, "Dispositifs participatifs")
    expect(page.locator("#results-count")).to_have_text("2 dispositifs")
    expect(page.locator(".fr-card__title")).to_have_count(1)
    pagination = page.get_by_role("navigation", name="Pagination")
    pagination.get_by_role("link", name="2", exact=True).click()
    check_page(page, "Dispositifs participatifs")
    expect(page.locator(".fr-card__title")).to_have_count(1)
    expect(pagination.locator('[aria-current="page"]')).to_have_text("2")

    page.get_by_label("Rechercher un dispositif").fill("vélo")
    page.get_by_role("button", name="Rechercher").click()
    check_page(page, "Dispositifs participatifs")
    expect(page.locator("#results-count")).to_have_text("1 dispositif")
    expect(page.locator(".fr-card__title")).to_have_text(["Concertation sur le plan vélo"])
    expect(page.get_by_label("Rechercher un dispositif")).to_have_value("vélo")

    page.get_by_role("link", name="Effacer les filtres").click()
    check_page(page, "Dispositifs participatifs")
    page.get_by_label("Méthode (OCDE)").select_option(label="Processus délibératif représentatif")
    page.get_by_label("Statut").select_option(label="Participation ouverte")
    page.get_by_role("button", name="Rechercher").click()
    check_page(page, "Dispositifs participatifs")
    expect(page.locator(".fr-card__title")).to_have_text(["Convention citoyenne sur la fin de vie"])
    expect(page.get_by_label("Statut")).to_have_value("open")

    page.get_by_label("Méthode (OCDE)").select_option(label="Toutes les méthodes")
    page.get_by_label("Statut").select_option(label="Tous les statuts")
    page.get_by_label("Ministère", exact=True).select_option(label="Ministère des Transports")
    page.get_by_role("button", name="Rechercher").click()
    check_page(page, "Dispositifs participatifs")
    page.get_by_role("link", name="Concertation sur le plan vélo").click()
    check_page(page, "Concertation sur le plan vélo")

    opinion = page.locator("#avis ~ *")
    expect(page.get_by_role("heading", name="Avis du CIPC")).to_be_visible()
    expect(opinion.get_by_text("Favorable avec recommandations", exact=True)).to_be_visible()
    expect(page.get_by_text("Le cadrage est clair et la décision encore ouverte.")).to_be_visible()
    expect(page.locator("#opinion-meta")).to_contain_text("sur la version 1 de la description")
    second = page.locator("#recommandation-2")
    expect(second.get_by_role("heading")).to_have_text("Recommandation 2")
    expect(second).to_contain_text("Recommandation de test 2")
    expect(second).to_contain_text("Réponse du commanditaire : Partiellement acceptée")
    expect(second).to_contain_text("Seules les données agrégées seront publiées.")
    expect(page.locator("#recommandation-1")).to_contain_text("Acceptée")

    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Agenda", exact=True
    ).click()
    check_page(page, "Agenda de la participation")
    expect(page.locator(".fr-tile__title")).to_have_text(
        ["Convention citoyenne sur la fin de vie", "Concertation sur le plan vélo"]
    )
    expect(page.get_by_text("confidentiel")).to_have_count(0)


def test_a_cipc_advisor_filters_the_registry_reads_the_counts_and_exports(page, tmp_path):
    culture = MinistryFactory(name="Ministère de la Culture")
    health = MinistryFactory(name="Ministère de la Santé")
    complete_process(title="Musées gratuits", ministry=culture)
    walk_to(complete_process(title="Archives ouvertes", ministry=culture), Status.SUBMITTED)
    walk_to(complete_process(title="Plan hôpital", ministry=health), Status.PUBLISHED)
    advisor = user_with_role(Role.CIPC_ADVISOR, email="conseillere@exemple.gouv.fr")

    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto("/cipc/registre/")
    check_page(page, "Registre des dispositifs de l'État")
    expect(page.locator("#results-count")).to_have_text("3 dispositifs")

    page.get_by_label("Ministère", exact=True).select_option(label="Ministère de la Culture")
    page.get_by_role("button", name="Filtrer").click()
    check_page(page, "Registre des dispositifs de l'État")
    expect(page.locator("#results-count")).to_have_text("2 dispositifs")
    counts = page.get_by_role("table", name="Nombre de dispositifs par ministère et par statut")
    expect(counts.locator("thead th")).to_have_text(
        ["Ministère", "Brouillon", "Saisine transmise au CIPC", "Total"]
    )
    expect(counts.locator("tbody tr").first.locator("th, td")).to_have_text(
        ["Ministère de la Culture", "1", "1", "2"]
    )
    rows = page.get_by_role("table", name="Dispositifs du registre").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.get_by_role("link", name="Archives ouvertes")).to_have_attribute(
        "href", re.compile(r"^/cipc/saisines/\d+/$")
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporter cette liste (CSV)").click()
    download = download_info.value
    assert re.fullmatch(r"dispositifs-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    lines = Path(target).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("identifiant,titre,ministere,direction,statut,methodes,themes,")
    assert [line.split(",")[1] for line in lines[1:]] == ["Archives ouvertes", "Musées gratuits"]

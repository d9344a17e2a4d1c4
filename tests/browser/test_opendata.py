"""Open data: the public page and its files, the API docs, platform imports, API tokens."""

import csv
import io
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from playwright.sync_api import expect

import concerto.urls  # noqa: F401 - first import takes ~40 s on a loaded machine: not in a request
from concerto.accounts.roles import Role
from concerto.api.models import ApiToken
from concerto.opendata.publish import publish
from concerto.panels.models import Panel, Quota
from concerto.participation.models import Contribution
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, open_module, user_with_role
from tests.followup.conftest import closed_process
from tests.opendata.conftest import FIXTURES

PANEL_HEADER = [
    "panel_id", "dispositif_id", "panel", "membres", "taille_vivier", "categorie", "valeur",
    "quota_min", "quota_max", "part_population", "vivier", "tires", "probabilite_min", "graine",
    "empreinte_loterie", "publie_le",
]  # fmt: skip


def test_a_visitor_downloads_a_dataset_and_reads_the_api_docs(page):
    closed = closed_process()
    panel = Panel.objects.create(
        process=closed.process, name="Panel vélo", size=2, status=Panel.Status.PUBLISHED,
        retention_date=timezone.localdate() + timedelta(days=90), pool_size=10,
        pool_counts={"âge": {"18-34 ans": 6, "35 ans et plus": 4}},
        selected_counts={"âge": {"18-34 ans": 1, "35 ans et plus": 1}},
        seed="graine-publique", lottery_digest="ab" * 32, min_probability=0.2,
        published_at=datetime(2026, 1, 15, 9, 30, tzinfo=UTC),
    )  # fmt: skip
    Quota.objects.create(panel=panel, category="âge", value="18-34 ans", min=1, max=1)
    publish()

    page.goto("/donnees/")
    check_page(page, "Données ouvertes")
    link = page.locator("#jeu-panels").get_by_role("link", name="panels.csv")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    rows = list(csv.reader(io.StringIO(response.body().decode("utf-8"))))
    assert rows[0] == PANEL_HEADER
    assert rows[1:] == [[
        str(panel.pk), str(closed.process.pk), "Panel vélo", "2", "10", "âge", "18-34 ans", "1",
        "1", "", "6", "1", "0.2", "graine-publique", "ab" * 32, "2026-01-15T09:30:00Z",
    ]]  # fmt: skip

    page.get_by_role("link", name="API publique en lecture").click()
    check_page(page, "API de Concerto")


def test_an_organiser_imports_a_grand_debat_csv_and_reads_the_report(page):
    module, organiser = open_module("questionnaire")
    log_in(page, organiser.email, PASSWORD)
    check_page(page, page.locator("h1").inner_text())
    page.goto(f"/espace/dispositifs/{module.process.pk}/modules/{module.pk}/import-plateforme/")
    check_page(page, "Importer depuis une autre plateforme")
    page.get_by_text("Cap Collectif (CSV d'un questionnaire)").click()
    page.set_input_files("#id_file", str(FIXTURES / "grand_debat_democratie.csv"))
    page.get_by_role("button", name="Importer").click()
    check_page(page, "Importer depuis une autre plateforme")
    report = page.locator("#compte-rendu")
    expect(report).to_contain_text("Compte rendu de l'import de grand_debat_democratie.csv")
    expect(report).to_contain_text("8 contributions importées. 4 lignes non importées.")
    expect(report).to_contain_text("ligne 7 : aucune réponse.")
    expect(page.locator("#imports tbody tr td").nth(3)).to_have_text("8")
    assert Contribution.objects.filter(module=module).count() == 8


def test_a_referent_creates_a_token_sees_it_once_and_revokes_it(page):
    module, _organiser = open_module("proposals")
    referent = user_with_role(Role.REFERENT, organisation=module.process.ministry)
    log_in(page, referent.email, PASSWORD)
    check_page(page, page.locator("h1").inner_text())
    page.goto("/espace/api/jetons/")
    check_page(page, "Jetons d'API de l'organisation")
    page.get_by_label("Nom du jeton").fill("Logiciel courrier")
    page.get_by_text("Déposer des contributions (autres canaux)", exact=True).click()
    page.get_by_role("button", name="Créer le jeton").click()
    check_page(page, "Jetons d'API de l'organisation")
    token = ApiToken.objects.get()
    secret = page.locator("#token-secret").inner_text()
    assert secret.startswith(f"cct_{token.prefix}_")
    assert token.matches(secret.removeprefix(f"cct_{token.prefix}_"))
    page.goto("/espace/api/jetons/")
    check_page(page, "Jetons d'API de l'organisation")
    expect(page.locator("#token-secret")).to_have_count(0)

    page.get_by_role("button", name="Révoquer « Logiciel courrier »").click()
    check_page(page, "Jetons d'API de l'organisation")
    token.refresh_from_db()
    assert not token.is_active
    expect(page.locator("#tokens")).to_contain_text("Révoqué le")

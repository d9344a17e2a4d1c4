"""An organiser analyses a closed text module with suggestions on two articles and
publishes the synthesis; the public page shows it article by article (issue 26)."""

from playwright.sync_api import expect

import concerto.urls  # noqa: F401 - first import loads scikit-learn: not in a request
from tests.browser.conftest import check_page, log_in
from tests.codrafting.suggested import ARTICLE_3, TITLE, suggested_text
from tests.factories import PASSWORD


def test_an_organiser_publishes_a_synthesis_article_by_article(page):
    version, organiser, _made, _answers = suggested_text()
    module = version.module
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/")
    check_page(page, f"Analyse : {TITLE}")

    page.get_by_label("Nombre de thèmes").fill("2")
    page.get_by_role("button", name="Lancer l'analyse").click()
    check_page(page, f"Analyse des contributions : {TITLE}")
    expect(page.locator("#job-status")).to_have_text("Terminée")
    page.get_by_role("link", name="Voir le résultat").click()
    check_page(page, f"Analyse : {TITLE}")
    expect(page.get_by_role("heading", level=3)).to_have_text(["Article 1er", ARTICLE_3])
    article_1 = version.units.get(label="Article 1er")
    rows = page.locator(f"#themes-table-article-{article_1.pk} tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("td").nth(1)).to_have_text("4")

    page.get_by_role("link", name="Relire et publier la synthèse").click()
    check_page(page, f"Relire avant de publier : {TITLE}")
    page.get_by_text("J'ai relu les intitulés des thèmes").click()
    page.get_by_role("button", name="Publier la synthèse").click()
    check_page(page, f"Synthèse : {TITLE}")
    expect(page.get_by_role("heading", name="Article 1er", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=ARTICLE_3, exact=True)).to_be_visible()
    expect(page.get_by_text("Format, ouvert, réutilisable").first).to_be_visible()
    expect(page.get_by_text("Mineur, données, immédiat").first).to_be_visible()
    assert [(t.question, t.size) for t in module.synthesis.themes.all()] == [
        ("Article 1er", 4),
        ("Article 1er", 2),
        (ARTICLE_3, 5),
        (ARTICLE_3, 2),
    ]

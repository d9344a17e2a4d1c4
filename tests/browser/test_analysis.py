"""An organiser analyses a closed module's real answers, merges two themes,
publishes the synthesis and downloads its PDF."""

import re

from playwright.sync_api import expect

import concerto.urls  # noqa: F401 - first import loads scikit-learn: not in a request
from concerto.analysis import actions
from tests.analysis.test_workflow import closed_module
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD

TITLE = "Donnez votre avis"


def test_an_organiser_analyses_merges_publishes_and_downloads_the_pdf(page):
    module, organiser = closed_module()
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    workspace = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/"
    page.goto(workspace)
    check_page(page, f"Analyse : {TITLE}")

    page.get_by_label("Nombre de thèmes").fill("5")
    page.get_by_role("button", name="Lancer l'analyse").click()
    check_page(page, f"Analyse des contributions : {TITLE}")
    expect(page.locator("#job-status")).to_have_text("Terminée")
    page.get_by_role("link", name="Voir le résultat").click()
    check_page(page, f"Analyse : {TITLE}")

    analysis = actions.latest_analysis(module)
    assert analysis.figures["contributions"] == 120
    assert analysis.themes.count() == 5
    rows = page.locator("#themes-table tbody tr")
    expect(rows).to_have_count(5)
    first, second = list(analysis.themes.order_by("-size", "position"))[:2]
    expect(rows.first.locator("td").nth(1)).to_have_text(str(first.size))

    page.get_by_text(f"{first.label} ({first.size})", exact=True).click()
    page.get_by_text(f"{second.label} ({second.size})", exact=True).click()
    page.locator("#id_label").fill("Thème fusionné")
    page.get_by_role("button", name="Fusionner").click()
    check_page(page, f"Analyse : {TITLE}")
    expect(page.get_by_text("Thèmes fusionnés dans « Thème fusionné ».")).to_be_visible()
    expect(rows).to_have_count(4)
    merged = analysis.themes.get(label="Thème fusionné")
    assert merged.size == first.size + second.size
    merged_row = rows.filter(has=page.get_by_role("link", name="Thème fusionné", exact=True))
    expect(merged_row.locator("td").nth(1)).to_have_text(str(first.size + second.size))

    # The merged theme's page lists its contributions and lets the analyst rename it.
    merged_row.get_by_role("link", name="Thème fusionné", exact=True).click()
    check_page(page, "Thème fusionné")
    page.go_back()
    check_page(page, f"Analyse : {TITLE}")

    page.get_by_role("link", name="Relire et publier la synthèse").click()
    check_page(page, f"Relire avant de publier : {TITLE}")
    page.get_by_text("J'ai relu les intitulés des thèmes").click()
    page.get_by_role("button", name="Publier la synthèse").click()
    check_page(page, f"Synthèse : {TITLE}")
    expect(page.get_by_text("Thème fusionné").first).to_be_visible()
    assert module.synthesis.themes.count() == 4

    link = page.get_by_role("link", name="Télécharger la synthèse (PDF)")
    href = link.get_attribute("href")
    assert re.search(r"/synthese/synthese\.pdf$", href)
    pdf = page.request.get(href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert len(pdf.body()) > 10_000


def test_an_organiser_designates_a_provider_who_then_curates_the_analysis(page):
    from concerto.accounts.roles import Role
    from concerto.analysis.models import Operation, ProviderAccess
    from tests.factories import user_with_role

    module, organiser = closed_module()
    actions.start_analysis(module, actor=organiser, n_themes=4)
    analysis = actions.latest_analysis(module)
    provider = user_with_role(Role.PROVIDER, first_name="Paule", last_name="Prestataire")
    workspace = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/"

    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(workspace)
    check_page(page, f"Analyse : {TITLE}")
    # An address without a provider account is refused, and stays in the field.
    page.locator("#id_email").fill("inconnu@exemple.fr")
    page.get_by_role("button", name="Donner accès").click()
    check_page(page, f"Analyse : {TITLE}")
    expect(
        page.get_by_text("Aucun compte de prestataire actif ne porte cette adresse électronique.")
    ).to_be_visible()
    expect(page.locator("#id_email")).to_have_value("inconnu@exemple.fr")
    assert ProviderAccess.objects.count() == 0
    page.locator("#id_email").fill(provider.email)
    page.get_by_role("button", name="Donner accès").click()
    check_page(page, f"Analyse : {TITLE}")
    expect(page.get_by_text("Paule Prestataire a accès à l'analyse.")).to_be_visible()
    expect(page.locator("#providers-table tbody tr")).to_have_count(1)
    assert ProviderAccess.objects.get().user == provider
    log_out(page)

    log_in(page, provider.email, PASSWORD)
    check_page(page, "Espace prestataire")
    page.locator("#provider-analyses").get_by_role("link").click()
    check_page(page, f"Analyse : {TITLE}")
    expect(page.get_by_role("button", name="Publier la synthèse")).to_have_count(0)
    expect(page.get_by_role("link", name="Relire et publier la synthèse")).to_have_count(0)
    expect(page.get_by_role("button", name="Donner accès")).to_have_count(0)
    theme = analysis.themes.order_by("-size", "position").first()
    page.get_by_role("link", name=theme.label, exact=True).click()
    check_page(page, theme.label)
    page.get_by_label("Intitulé du thème").fill("Gestes du quotidien")
    page.get_by_role("button", name="Renommer").click()
    check_page(page, "Gestes du quotidien")
    operation = Operation.objects.get()
    assert operation.actor == provider
    assert operation.kind == Operation.Kind.RENAME
    page.goto(workspace)
    check_page(page, f"Analyse : {TITLE}")
    expect(page.locator("#journal + ul li")).to_contain_text("Paule Prestataire")

"""Issue 23: an organiser reviews the analysis before publishing its synthesis; the
public synthesis explains its method in plain French and quotes no campaign."""

from playwright.sync_api import expect

import concerto.urls  # noqa: F401 - first import loads scikit-learn: not in a request
from concerto.analysis import actions
from concerto.analysis.models import Assignment, CampaignGroup, Synthesis
from tests.analysis.campaign import CAMPAIGN_SIZE, COPIES, module_with_a_campaign
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD

TITLE = "Donnez votre avis"
CAMPAIGN_TEXT = "éoliennes qui défigurent"


def test_an_organiser_reviews_then_publishes_a_synthesis_citizens_can_trust(page):
    module, organiser = module_with_a_campaign()
    actions.start_analysis(module, actor=organiser, n_themes=6)
    analysis = actions.latest_analysis(module)
    campaign = analysis.campaigns.get()
    workspace = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/analyse/"

    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(workspace)
    check_page(page, f"Analyse : {TITLE}")
    # The campaign is confirmed as one.
    page.locator("#campaigns-table").get_by_role("button", name="Confirmer").click()
    check_page(page, f"Analyse : {TITLE}")
    expect(page.locator("#campaigns-table")).to_contain_text("Confirmée comme campagne")
    campaign.refresh_from_db()
    assert campaign.review == CampaignGroup.Review.CONFIRMED
    # One theme is renamed; the others keep the tool's labels.
    renamed = analysis.themes.order_by("-size", "position").first()
    page.get_by_role("link", name=renamed.label, exact=True).click()
    check_page(page, renamed.label)
    page.get_by_label("Intitulé du thème").fill("Se déplacer autrement")
    page.get_by_role("button", name="Renommer").click()
    check_page(page, "Se déplacer autrement")
    page.get_by_role("link", name=f"Analyse : {TITLE}").click()
    check_page(page, f"Analyse : {TITLE}")

    page.get_by_role("link", name="Relire et publier la synthèse").click()
    check_page(page, f"Relire avant de publier : {TITLE}")
    automatic = list(
        analysis.themes.exclude(label="Se déplacer autrement")
        .order_by("-size", "position", "pk")
        .values_list("label", flat=True)
    )
    assert len(automatic) == analysis.themes.count() - 1
    expect(page.locator("#automatic-labels li a")).to_have_text(automatic)
    expect(page.locator("#automatic-labels")).not_to_contain_text("Se déplacer autrement")
    expect(page.get_by_text("Aucune campagne ne reste à examiner.")).to_be_visible()

    # Without the box ticked, nothing is published.
    page.get_by_role("button", name="Publier la synthèse").click()
    check_page(page, f"Relire avant de publier : {TITLE}")
    expect(page.locator(".fr-checkbox-group--error .fr-error-text")).to_have_text(
        "Cochez la case pour confirmer que vous avez relu la synthèse : elle n'a pas été publiée."
    )
    assert not Synthesis.objects.exists()

    page.get_by_label("J'ai relu les intitulés des thèmes").check(force=True)
    page.get_by_role("button", name="Publier la synthèse").click()
    check_page(page, f"Synthèse : {TITLE}")
    expect(page.get_by_text("Synthèse publiée.")).to_be_visible()
    assert Synthesis.objects.get().themes.count() == analysis.themes.count()

    received = 320 + CAMPAIGN_SIZE + COPIES
    analysed = Assignment.objects.filter(analysis=analysis, theme__isnull=False).count()
    copies = Assignment.objects.filter(analysis=analysis, is_copy=True).count()
    figures = page.locator("#method-figures")
    expect(figures).to_contain_text(f"{received} contributions reçues.")
    expect(figures).to_contain_text(f"{analysed} contributions analysées")
    expect(figures).to_contain_text(f"{copies} copies mises de côté")
    expect(page.locator("#campaigns-list li")).to_have_text(
        [
            f"Campagne 1 : {CAMPAIGN_SIZE} contributions de {CAMPAIGN_SIZE} personnes "
            "(texte quasi identique), confirmée par l'équipe."
        ]
    )
    expect(figures).not_to_contain_text("TF-IDF")
    expect(figures).not_to_contain_text("MinHash")
    expect(page.get_by_role("heading", name="Annexe : méthode technique")).to_be_visible()
    expect(page.locator("#annexe-methode + ul")).to_contain_text("TF-IDF")
    expect(page.locator("#annexe-methode + ul")).to_contain_text("MinHash")
    quotes = page.locator("blockquote")
    assert quotes.count() > 0
    expect(quotes.filter(has_text=CAMPAIGN_TEXT)).to_have_count(0)

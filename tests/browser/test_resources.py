"""Issue 9 in a real browser: an anonymous visitor reads the guide, rates a sheet,
prints it, and searches the FAQ and the whole resource centre."""

from playwright.sync_api import expect

from tests.browser.conftest import check_page
from tests.resources.helpers import capsule, chapter, faq_entry, sheet


def test_anonymous_visitor_reads_the_guide_and_searches_the_faq(page):
    framing = chapter()
    sheet(
        framing,
        title="Définir la décision en jeu",
        slug="decision",
        body="<h2>Pourquoi cadrer</h2>"
        "<p>Une consultation ouverte trop tard abîme la confiance.</p>",
    )
    faq_entry("Quand dois-je saisir le CIPC ?", "<p>Avant le lancement de la démarche.</p>")
    faq_entry(
        "Faut-il indemniser les participants tirés au sort ?",
        "<p>Oui, c'est la condition de la diversité.</p>",
        theme_name="Méthodes",
    )
    capsule(transcript="Bonjour. Le devoir de suite se prépare dès le lancement.")

    page.goto("/")
    check_page(page, "La participation citoyenne au sein de l'État")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ressources"
    ).click()
    check_page(page, "Centre de ressources")
    page.get_by_role("link", name="Guide méthodologique").click()
    check_page(page, "Guide méthodologique")
    page.get_by_role("link", name="Définir la décision en jeu").click()
    check_page(page, "Définir la décision en jeu")
    assert page.url.endswith("/ressources/guide/cadrer/decision/")
    expect(
        page.get_by_text("Une consultation ouverte trop tard abîme la confiance.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Télécharger la fiche (PDF)")).to_have_attribute(
        "href", f"/ressources/fiches/{framing.get_children().get().pk}.pdf"
    )

    # "Was this useful?": a second click changes nothing.
    page.get_by_role("button", name="Oui").click()
    check_page(page, "Définir la décision en jeu")
    expect(page.locator("#avis-compte")).to_have_text("1 personne l'a trouvée utile, 0 non.")
    page.get_by_role("button", name="Oui").click()
    check_page(page, "Définir la décision en jeu")
    expect(page.locator("#avis-compte")).to_have_text("1 personne l'a trouvée utile, 0 non.")

    # The FAQ, by theme, then searched without accents and with another inflection.
    page.get_by_role("navigation", name="vous êtes ici :").get_by_role(
        "link", name="Centre de ressources"
    ).click()
    check_page(page, "Centre de ressources")
    page.get_by_role("link", name="Foire aux questions").click()
    check_page(page, "Foire aux questions")
    expect(page.locator("main section > h2")).to_have_text(["Méthodes", "Saisine du CIPC"])
    expect(page.get_by_text("Réponse vérifiée le 1er octobre 2026")).to_have_count(2)
    page.get_by_label("Rechercher dans la FAQ").fill("indemnisation tires")
    page.get_by_role("button", name="Rechercher").click()
    check_page(page, "Foire aux questions")
    expect(page.locator("#search-results")).to_have_text(
        "1 question correspond à « indemnisation tires »."
    )
    page.get_by_role("link", name="Faut-il indemniser les participants tirés au sort ?").click()
    check_page(page, "Faut-il indemniser les participants tirés au sort ?")

    # One search across the guide, the FAQ and the capsules' transcripts.
    page.goto("/ressources/recherche/?q=lancement")
    check_page(page, "Rechercher dans le centre de ressources")
    expect(page.locator("#search-results")).to_have_text("2 résultats pour « lancement ».")
    expect(page.locator("ol h2")).to_have_text(
        ["Quand dois-je saisir le CIPC ?", "Le devoir de suite en quatre minutes"]
    )
    page.get_by_role("link", name="Le devoir de suite en quatre minutes").click()
    check_page(page, "Le devoir de suite en quatre minutes")
    expect(page.get_by_role("heading", name="Transcription intégrale")).to_be_visible()
    expect(page.get_by_text("Durée : 4 min 05 s")).to_be_visible()

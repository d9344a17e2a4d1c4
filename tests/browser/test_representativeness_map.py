"""Issue 27's territorial coverage: the organiser asks the département question, citizens
answer it (one through the form's select list), and the representativeness page shows
the map of départements with its legend and the table that doubles it, with exact
statuses and values."""

from playwright.sync_api import expect

from concerto.representativeness import actions as profile_actions
from concerto.representativeness.models import ProfileResponse
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module

PAGE = "Qui a participé ?"
QUESTION = "Dans quel département habitez-vous ?"


def test_the_departement_map_and_its_table_show_the_published_counts(page):
    module, organiser = open_module("proposals", title="Plan vélo : vos propositions")
    process = module.process

    # The organiser asks the département question.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/representativite/")
    check_page(page, "Questions de profil et représentativité")
    page.get_by_label("Département de résidence", exact=True).check(force=True)
    page.get_by_label("Seuil d'alerte (en % de la part dans la population)").fill("80")
    page.get_by_role("button", name="Enregistrer").click()
    check_page(page, "Questions de profil et représentativité")
    assert profile_actions.asked_questions(process) == ["departement"]
    log_out(page)

    # Earlier participants: 377 in Gironde, 12 in Paris, 10 in the Nord.
    seeded = [("33", 377), ("75", 12), ("59", 10)]
    for code, n in seeded:
        for person in UserFactory.create_batch(n):
            profile_actions.answer_profile(process, user=person, answers={"departement": code})

    # Alice answers through the select list: Finistère.
    alice = UserFactory(email="alice@exemple.fr")
    log_in(page, alice.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(f"/dispositifs/{process.slug}/mon-profil/")
    check_page(page, "Quelques questions sur vous (facultatif)")
    select = page.get_by_label(QUESTION)
    expect(select.locator("option")).to_have_count(104)
    expect(select.locator("option").first).to_have_text("Je préfère ne pas répondre")
    select.select_option(label="Finistère")
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    check_page(page, process.title)
    assert ProfileResponse.objects.get(user=alice).answers == {"departement": "29"}
    log_out(page)

    # The organiser reads the page: 400 respondents; Gironde 94.2 % (94.25 rounded half
    # to even, as in the download) for 2.5 % of the population, Paris 3.0 % for 3.1 %,
    # the Nord 2.5 % for 3.8 %, Finistère's 1 masked.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/dispositifs/{process.slug}/representativite/")
    check_page(page, PAGE)
    figure = page.locator("#carte-departements")
    svg = figure.get_by_role("img", name="Carte des départements selon leur représentation")
    expect(svg).to_have_count(1)
    expect(svg.locator("desc")).to_have_text(
        "Départements sous-représentés : 1 ; proches de leur part dans la population : 1 ; "
        "sur-représentés : 1 ; à l'effectif masqué : 99. Le détail figure dans le tableau "
        "« Données de la carte des départements » qui suit la carte."
    )
    shapes = svg.locator(".repmap__metro path")
    expect(shapes).to_have_count(96)
    for code, status in (("33", "over"), ("75", "close"), ("59", "under"), ("29", "masked")):
        expect(shapes.and_(page.locator(f"[data-departement='{code}']"))).to_have_class(
            f"repmap__area repmap--{status}"
        )
    expect(svg.locator("[data-departement='33'] title")).to_have_text(
        "Gironde (33) : sur-représenté — part 94,2 % (population : 2,5 %)"
    )
    expect(svg.locator(".repmap__metro [data-departement='29'] title")).to_have_text(
        "Finistère (29) : effectif masqué"
    )
    expect(svg.locator(".repmap__insets rect.repmap--masked")).to_have_count(6)
    expect(svg.locator(".repmap__insets text")).to_have_text(
        ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "COM"]
    )
    expect(figure.locator(".repmap-legend li")).to_have_text([
        "Sous-représenté : part parmi les répondants inférieure à 80 % de sa part dans la "
        "population (le seuil d'alerte).",
        "Proche de sa part dans la population : de 80 % à moins de 125 % de celle-ci.",
        "Sur-représenté : au moins 125 % de sa part dans la population (l'inverse du seuil "
        "d'alerte).",
        "Effectif masqué : moins de 10 répondants, ou masqué pour qu'on ne puisse pas le "
        "retrouver par différence. La carte ne montre que les effectifs publiés.",
    ])  # fmt: skip
    expect(figure).to_contain_text("par Victor Cazanave d'après MapSVG, licence CC BY 4.0")

    # The table doubling the map, behind its accordion button.
    table = figure.locator("#carte-departements-tableau table")
    expect(table).to_be_hidden()
    figure.get_by_role("button", name="Données de la carte des départements (tableau)").click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(102)
    expected = {
        "33": ["Gironde (33)", "377", "94,2", "2,5", "91,8", "sur-représenté"],
        "75": ["Paris (75)", "12", "3,0", "3,1", "-0,1",
               "proche de sa part dans la population"],
        "59": ["Nord (59)", "10", "2,5", "3,8", "-1,3", "sous-représenté"],
        "29": ["Finistère (29)", "masqué", "—", "1,4", "—", "effectif masqué"],
        "976": ["Mayotte (976)", "masqué", "—", "0,4", "—", "effectif masqué"],
    }  # fmt: skip
    for code, cells in expected.items():
        expect(table.locator(f"tr[data-departement='{code}'] > *")).to_have_text(cells)
    # The question's own table says the same.
    expect(page.locator("#question-departement tr[data-categorie='33'] td").first).to_have_text(
        "377"
    )
    expect(page.locator("#alertes")).to_contain_text("Département de résidence : Nord")

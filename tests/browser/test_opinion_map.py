"""Issue 7's opinion map in a real browser: citizens in two opposite camps vote on
statements one at a time until groups appear on the map page, which is accessible."""

from playwright.sync_api import expect

from concerto.opinionmaps import actions
from concerto.opinionmaps.models import MapResult, Statement, Vote
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module
from tests.opinionmaps.conftest import STATEMENTS, camp_votes, two_camps

TITLE = "Mobilités : la carte des opinions"


def vote_through_the_page(page, module_url: str, camp: int) -> None:
    """Vote on every statement shown, one at a time, as the camp would."""
    values = dict(zip(STATEMENTS, camp_votes(STATEMENTS, camp), strict=True))
    labels = {Vote.AGREE: "D'accord", Vote.DISAGREE: "Pas d'accord", Vote.PASS: "Passer"}
    page.goto(module_url)
    check_page(page, TITLE)
    for left in range(len(STATEMENTS), 0, -1):
        expect(page.locator("#remaining")).to_contain_text(f"Il vous reste {left} énoncé")
        text = page.locator("#statement-text").inner_text()
        page.get_by_role("button", name=labels[values[text]], exact=True).click()
        check_page(page, TITLE)
    expect(page.locator("#remaining")).to_contain_text("Vous avez voté sur tous les énoncés")


def test_citizens_vote_until_groups_appear_on_an_accessible_map(page):
    module, organiser = open_module("opinion_map", title=TITLE)
    seeds = [actions.add_seed_statement(module, actor=organiser, text=t) for t in STATEMENTS]
    module_url = module.get_absolute_url()
    alice = UserFactory(email="alice@exemple.fr", first_name="Alice", last_name="Durand")
    bruno = UserFactory(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")

    # Before anyone votes through the page, the map says there are not enough votes yet.
    page.goto(module_url + "resultats/")
    check_page(page, "Carte des opinions")
    expect(page.locator("#not-enough")).to_contain_text(
        "Pas encore assez de votes pour former des groupes."
    )
    # Eight citizens have since voted, four in each camp.
    two_camps(module, seeds, n_per_camp=4)

    # Alice votes with the first camp and proposes a statement of her own.
    log_in(page, alice.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    vote_through_the_page(page, module_url, camp=0)
    page.get_by_label("Votre énoncé").fill("Il faut un tramway jusqu'à l'aéroport.")
    page.get_by_role("button", name="Proposer cet énoncé").click()
    check_page(page, TITLE)
    expect(page.get_by_role("status").first).to_have_text(
        "Merci ! Votre énoncé sera proposé au vote une fois validé par la modération."
    )
    proposed = Statement.objects.get(text="Il faut un tramway jusqu'à l'aéroport.")
    assert proposed.status == Statement.Status.PENDING
    log_out(page)

    # Bruno votes with the second camp; the pending statement is never offered to him.
    log_in(page, bruno.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    vote_through_the_page(page, module_url, camp=1)
    assert not Vote.objects.filter(statement=proposed).exists()
    assert Vote.objects.filter(participant__in=[alice, bruno]).count() == 2 * len(STATEMENTS)

    # The votes recomputed the map in the background; it shows two groups, as a chart,
    # as tables and as text.
    page.get_by_role("link", name="Voir la carte des opinions").click()
    check_page(page, "Carte des opinions")
    latest = MapResult.objects.filter(module=module).latest()
    assert not latest.insufficient
    expect(page.locator("#computed-at")).to_contain_text("Carte calculée le")
    chart = page.get_by_role("img", name="Carte des groupes d'opinion")
    expect(chart).to_be_visible()
    rows = page.locator("#group-sizes tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("th")).to_have_text("Groupe A")
    expect(rows.nth(1).locator("th")).to_have_text("Groupe B")
    assert sum(g["size"] for g in latest.data["groups"]) >= 9
    expect(page.locator("#map-summary")).to_contain_text("forment 2 groupes d'opinion")
    expect(page.locator("#consensus-table")).to_contain_text(STATEMENTS[-1])

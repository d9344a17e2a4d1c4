"""Issue 23 in a real browser: a citizen whose contribution was answered lands on the
answer from the home page in at most three clicks, and the devoir de suite is in the
main menu."""

from playwright.sync_api import expect

from concerto.followup import actions
from concerto.participation.models import Contribution, ContributionKind
from tests.browser.conftest import HOME, check_page, log_in
from tests.factories import PASSWORD
from tests.followup.conftest import closed_process, status


def test_a_citizen_reaches_the_answer_to_their_contribution_in_three_clicks(page):
    closed = closed_process()
    citizen = closed.citizens[0]
    answered = closed.proposals[0]
    awaited = Contribution.objects.create(
        module=closed.module, kind=ContributionKind.PROPOSAL, author=citizen,
        title="Des arceaux", body="Des arceaux devant la mairie.",
    )  # fmt: skip
    answer = actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={"level": "proposal", "status": status("retained"),
                "text": "Nous créons un réseau express vélo.", "target": "Réseau express vélo"},
        contributions=[answered],
    )  # fmt: skip
    actions.publish_answers(closed.process, actor=closed.sponsor)
    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto("/")
    check_page(page, HOME)

    # 1. Mon espace
    page.get_by_role("link", name="Mon espace", exact=True).click()
    check_page(page, "Mon espace citoyen")
    # 2. Mes contributions: each says whether it was answered.
    page.get_by_role("link", name="Mes contributions").click()
    check_page(page, "Mes contributions")
    expect(page.locator(f"#contribution-{awaited.pk}-suite")).to_have_text("En attente de réponse")
    status_block = page.locator(f"#contribution-{answered.pk}-suite")
    expect(status_block.locator(".fr-badge").first).to_have_text("Réponse publiée")
    # 3. The answer itself.
    status_block.get_by_role("link", name="Lire la réponse : Réseau express vélo").click()
    check_page(page, "Réseau express vélo")
    assert page.url.endswith(f"/dispositifs/{closed.process.slug}/suites/reponses/{answer.pk}/")
    expect(page.locator("#covered-count")).to_have_text(
        "1 contribution reçoit cette réponse (en ligne : 1)."
    )
    section = page.locator(f"#reponse-{answer.pk}")
    expect(section).to_contain_text("Nous créons un réseau express vélo.")
    expect(section.locator(".fr-badge").first).to_have_text("Retenue")


def test_the_devoir_de_suite_and_the_recommendations_are_in_the_main_menu(page):
    page.goto("/")
    check_page(page, HOME)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Devoir de suite"
    ).click()
    check_page(page, "Suivi du devoir de suite par ministère")
    expect(
        page.get_by_role("navigation", name="Menu principal").get_by_role(
            "link", name="Devoir de suite"
        )
    ).to_have_attribute("aria-current", "page")
    page.locator("footer").get_by_role("link", name="Recommandations").click()
    check_page(page, "Recommandations au gouvernement")
    assert page.url.endswith("/recommandations/")

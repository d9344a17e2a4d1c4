"""Issue 9 in a real browser: an agent asks the community, the CIPC answers, the agent
accepts the answer and the CIPC turns it into a FAQ entry that everyone can read."""

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.community.models import Question
from concerto.resources.models import FaqEntryPage
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, user_with_role
from tests.resources.helpers import theme


def test_agent_question_is_answered_and_promoted_to_the_faq(page):
    theme("Méthodes et animation")
    agent = user_with_role(Role.AGENT, first_name="David", last_name="Moreau")
    advisor = user_with_role(Role.CIPC_ADVISOR, first_name="Bruno", last_name="Lefèvre")

    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.get_by_role("link", name="Poser une question").first.click()
    check_page(page, "Poser une question")
    page.get_by_label("Votre question").fill("Comment toucher les jeunes locataires ?")
    page.get_by_label("Précisions").fill("Notre consultation attire surtout des retraités.")
    page.locator("#id_theme").select_option(label="Méthodes et animation")
    page.get_by_role("button", name="Publier ma question").click()
    check_page(page, "Comment toucher les jeunes locataires ?")
    expect(page.get_by_text("Pas encore de réponse.")).to_be_visible()
    log_out(page)

    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.get_by_role("link", name="Comment toucher les jeunes locataires ?").click()
    check_page(page, "Comment toucher les jeunes locataires ?")
    page.get_by_label("Votre réponse").fill("Combinez un panel tiré au sort et des ateliers.")
    page.get_by_role("button", name="Publier ma réponse").click()
    check_page(page, "Comment toucher les jeunes locataires ?")
    expect(page.locator("#reponses")).to_have_text("1 réponse")
    log_out(page)

    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.get_by_role("link", name="Comment toucher les jeunes locataires ?").click()
    check_page(page, "Comment toucher les jeunes locataires ?")
    page.get_by_role("button", name="Accepter la réponse de Bruno Lefèvre").click()
    check_page(page, "Comment toucher les jeunes locataires ?")
    expect(page.get_by_text("Réponse acceptée")).to_be_visible()
    # Only the CIPC adds to the FAQ.
    expect(page.get_by_role("button", name="Publier dans la FAQ")).to_have_count(0)
    log_out(page)

    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.locator("#community-to-promote").get_by_role(
        "link", name="Comment toucher les jeunes locataires ?"
    ).click()
    check_page(page, "Comment toucher les jeunes locataires ?")
    page.get_by_role("button", name="Publier dans la FAQ").click()
    check_page(page, "Comment toucher les jeunes locataires ?")
    expect(page.get_by_text("Combinez un panel tiré au sort et des ateliers.")).to_be_visible()
    entry = FaqEntryPage.objects.get()
    assert Question.objects.get().faq_entry_id == entry.pk
    log_out(page)

    # Anyone now finds it in the FAQ, under its theme.
    page.goto("/ressources/faq/")
    check_page(page, "Foire aux questions")
    expect(page.locator("main section > h2")).to_have_text(["Méthodes et animation"])
    expect(page.get_by_role("link", name="Comment toucher les jeunes locataires ?")).to_be_visible()
    expect(page.get_by_text("Combinez un panel tiré au sort et des ateliers.")).to_be_visible()

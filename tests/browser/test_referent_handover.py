"""Issue 22: the agent hands the declaration to the referent, who sends it back with
remarks; the agent reads them, hands it over again, and the referent refers it."""

from django.core import mail
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.processes.lifecycle import Status
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, complete_process, user_with_role

TITLE = "Concertation sur le plan vélo"


def test_agent_and_referent_go_back_and_forth_before_the_referral(page):
    process = complete_process()
    agent = process.project_lead
    referent = user_with_role(
        Role.REFERENT, organisation=process.ministry, email="referent@exemple.gouv.fr",
        first_name="Rémi", last_name="Référent",
    )  # fmt: skip
    overview = process.get_workspace_url()

    # The agent says the declaration is ready; the referent is told by e-mail.
    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(overview)
    check_page(page, TITLE)
    expect(page.get_by_role("button", name="Transmettre au CIPC")).to_have_count(0)
    page.get_by_role("button", name="Prêt pour mon référent").click()
    check_page(page, TITLE)
    expect(page.get_by_role("status").first).to_have_text(
        "Le dispositif est prêt : votre référent ministériel est prévenu."
    )
    expect(page.locator(".fr-badge").first).to_have_text("Prêt pour le référent")
    expect(page.get_by_role("button", name="Prêt pour mon référent")).to_have_count(0)
    assert [m.to for m in mail.outbox] == [["referent@exemple.gouv.fr"]]
    log_out(page)

    # The referent sends it back; remarks are required.
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(overview)
    check_page(page, TITLE)
    page.get_by_role("button", name="Renvoyer à l'agent avec remarques").click()
    check_page(page, TITLE)
    expect(page.locator("#id_remarks-desc-error")).to_have_text(
        "Indiquez vos remarques : l'agent doit savoir quoi reprendre."
    )
    process.refresh_from_db()
    assert process.status == Status.READY_FOR_REFERENT
    page.get_by_label("Remarques pour l'agent").fill("Préciser l'équipe et les prestataires.")
    page.get_by_role("button", name="Renvoyer à l'agent avec remarques").click()
    check_page(page, TITLE)
    expect(page.get_by_role("status").first).to_have_text(
        "Le dispositif est renvoyé à l'agent avec vos remarques."
    )
    assert [m.to for m in mail.outbox[1:]] == [[agent.email]]
    log_out(page)

    # The agent reads the remarks and hands it over again.
    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(overview)
    check_page(page, TITLE)
    expect(page.locator("#referent-remarks .fr-callout__text")).to_have_text(
        "Préciser l'équipe et les prestataires."
    )
    expect(page.locator("#referent-remarks")).to_contain_text("Renvoyé par Rémi Référent le")
    page.get_by_label("Message à votre référent").fill("Équipe et prestataires précisés.")
    page.get_by_role("button", name="Prêt pour mon référent").click()
    check_page(page, TITLE)
    log_out(page)

    # The referent refers it to the CIPC.
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(overview)
    check_page(page, TITLE)
    expect(page.locator("#handover-summary")).to_contain_text(
        "Message : Équipe et prestataires précisés."
    )
    page.get_by_role("button", name="Transmettre au CIPC").click()
    check_page(page, TITLE)
    process.refresh_from_db()
    assert process.status == Status.SUBMITTED
    assert list(process.transitions.values_list("action", flat=True)) == [
        "mark_ready_for_referent", "return_to_agent", "mark_ready_for_referent",
        "submit_referral",
    ]  # fmt: skip

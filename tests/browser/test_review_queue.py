"""Issue 22: a CIPC advisor narrows the queue to their own referrals, then reads the
opinions already given, with the keyboard."""

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.processes.lifecycle import Status
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, CipcFactory, complete_process, user_with_role, walk_to


def test_an_advisor_filters_the_queue_and_reads_past_opinions(page):
    me = user_with_role(Role.CIPC_ADVISOR, CipcFactory(), email="cipc@exemple.gouv.fr")
    walk_to(complete_process(title="Archives ouvertes"), Status.UNDER_REVIEW, advisor=me)
    walk_to(complete_process(title="Hôpital de demain"), Status.SUBMITTED)
    walk_to(complete_process(title="Plan santé mentale"), Status.OPINION_ISSUED)

    log_in(page, me.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto("/cipc/saisines/")
    check_page(page, "Saisines en attente d'avis")
    expect(page.locator("#queue-count")).to_have_text("2 saisines")
    page.get_by_label("Mes saisines seulement").focus()  # the DSFR label covers the box
    page.keyboard.press("Space")
    page.get_by_role("button", name="Filtrer").click()
    check_page(page, "Saisines en attente d'avis")
    expect(page.locator("#queue tbody tr")).to_have_count(1)
    expect(page.locator("#queue tbody")).to_contain_text("Archives ouvertes")
    page.locator("#id_shown").select_option(label="Avis rendus")
    page.get_by_label("Mes saisines seulement").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Filtrer").click()
    check_page(page, "Avis rendus par le CIPC")
    expect(page.locator("#queue tbody tr")).to_have_count(1)
    expect(page.locator("#queue tbody")).to_contain_text("Plan santé mentale")

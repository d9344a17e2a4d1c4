"""Issue 24 in a real browser: the participation charter a citizen is asked to respect
is one click away from the proposal form, and lists the moderation reasons."""

from playwright.sync_api import expect

from concerto.participation.models import HiddenReason
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, UserFactory, open_module


def test_a_citizen_reads_the_charter_from_the_proposal_form(page):
    module, _organiser = open_module("proposals", title="Plan vélo : vos propositions")
    citizen = UserFactory(email="alice@exemple.fr", first_name="Alice", last_name="Durand")
    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(module.get_absolute_url())
    check_page(page, "Plan vélo : vos propositions")
    page.locator("#deposer ~ div").get_by_role("link", name="charte de participation").click()
    check_page(page, "Charte de participation")
    reasons = [str(label) for _value, label in HiddenReason.choices]
    expect(page.locator("#motifs li")).to_have_text(reasons)
    expect(
        page.locator("footer").get_by_role("link", name="Charte de participation")
    ).to_be_visible()

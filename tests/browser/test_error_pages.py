"""Issue 22 in a real browser: a signed-in citizen opening the CMS lands once on an
accessible refusal page with a way forward, and a visitor on an expired form too."""

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, user_with_role


def test_a_citizen_opening_the_cms_lands_on_a_refusal_page(page):
    citizen = user_with_role(Role.CITIZEN)
    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    response = page.goto("/cms/")
    assert response.status == 403
    check_page(page, "Accès refusé")
    assert page.url.endswith("/cms/login/?next=/cms/")
    page.get_by_role("link", name="Mon espace").last.click()
    check_page(page, "Mon espace citoyen")


def test_a_get_on_a_form_address_is_explained(page):
    response = page.goto("/deconnexion/")
    assert response.status == 405
    check_page(page, "Action non permise")
    expect(page.get_by_role("link", name="Page d'accueil").last).to_be_visible()

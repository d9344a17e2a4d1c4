# ruff: noqa: F811 - the loopback provider fixtures are imported from tests/identity
"""Signing in and out through ProConnect and FranceConnect, against real loopback providers."""

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

import concerto.urls  # noqa: F401 - first import takes ~40 s on a loaded machine: not in a request
from concerto.accounts.roles import Role
from tests.browser.conftest import check_page, log_in_through_form, log_out
from tests.factories import PASSWORD, UserFactory, user_with_role
from tests.identity.conftest import _loopback_providers, franceconnect, proconnect  # noqa: F401

AGENT = {
    "sub": "pc-agent-0001",
    "email": "agent.public@exemple.gouv.fr",
    "given_name": "Paule",
    "usual_name": "Durand",
    "uid": "42",
    "siret": "11000201100044",
}
CITIZEN = {
    "sub": "fc-citizen-0001",
    "email": "jeanne.citoyenne@exemple.fr",
    "given_name": "Jeanne",
    "family_name": "Citoyenne",
}


def signed_in_sessions() -> list[str]:
    return [
        session.get_decoded()["_auth_user_id"]
        for session in Session.objects.all()
        if "_auth_user_id" in session.get_decoded()
    ]


def test_an_agent_signs_in_with_proconnect_and_out_through_its_end_session(page, proconnect):
    agent = user_with_role(Role.AGENT, email="agent.public@exemple.gouv.fr", first_name="Paule")
    proconnect.identity = AGENT
    page.goto("/connexion/")
    check_page(page, "Connexion")
    expect(page.get_by_role("link", name="Qu’est-ce que ProConnect ?")).to_be_visible()
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    check_page(page, "Espace agent public")
    expect(page.get_by_text("Votre identité ProConnect est désormais liée")).to_be_visible()
    assert signed_in_sessions() == [str(agent.pk)]
    assert proconnect.authorize_requests[0]["acr_values"] == "eidas1"
    log_out(page)
    expect(
        page.get_by_text("Vous êtes déconnecté de Concerto et de votre fournisseur d'identité.")
    ).to_be_visible()
    assert [logout["sub"] for logout in proconnect.logouts] == ["pc-agent-0001"]
    assert signed_in_sessions() == []


def test_a_citizen_signs_in_with_franceconnect_and_out_through_it(page, franceconnect):
    franceconnect.identity = CITIZEN
    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.get_by_role("button", name="S’identifier avec FranceConnect").click()
    check_page(page, "Mon espace citoyen")
    expect(page.locator(".fr-text--lead")).to_contain_text("Bonjour Jeanne.")
    log_out(page)
    assert [logout["sub"] for logout in franceconnect.logouts] == ["fc-citizen-0001"]
    assert signed_in_sessions() == []


ATTACKS = {
    "signature": "La signature du jeton transmis par ProConnect est invalide",
    "nonce": "Le jeton transmis par ProConnect ne correspond pas à cette demande de connexion",
    "expired": "Le jeton transmis par ProConnect a expiré",
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_forged_token_is_refused_with_a_french_message(page, proconnect, attack):
    UserFactory(email="agent.public@exemple.gouv.fr")
    proconnect.identity = AGENT
    proconnect.attack = attack
    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    check_page(page, "Connexion")
    expect(page.get_by_role("alert")).to_contain_text(ATTACKS[attack])
    assert signed_in_sessions() == []


def test_a_replayed_state_is_refused(page, franceconnect):
    franceconnect.identity = CITIZEN
    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.get_by_role("button", name="S’identifier avec FranceConnect").click()
    check_page(page, "Mon espace citoyen")
    log_out(page)
    page.goto(franceconnect.callback_urls[0])
    check_page(page, "Connexion")
    expect(page.get_by_role("alert")).to_contain_text(
        "Cette demande de connexion a déjà été utilisée ou a expiré."
    )
    assert signed_in_sessions() == []


def test_a_cipc_advisor_enrols_a_second_factor_then_is_asked_for_it(page):
    advisor = user_with_role(Role.CIPC_ADVISOR, email="conseil@exemple.gouv.fr")
    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.get_by_label("Adresse électronique").fill(advisor.email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    check_page(page, "Activer la vérification en deux étapes")
    assert signed_in_sessions() == []
    page.get_by_label("Code de vérification").fill("000000")
    page.get_by_role("button", name="Activer et me connecter").click()
    check_page(page, "Activer la vérification en deux étapes")
    expect(page.get_by_text("Code incorrect ou expiré.")).to_be_visible()
    assert signed_in_sessions() == []
    log_in_again = page.url
    assert log_in_again.endswith("/connexion/double-authentification/")
    # The helper completes the step as the advisor's app would.
    page.goto("/connexion/")
    check_page(page, "Connexion")
    log_in_through_form(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    assert signed_in_sessions() == [str(advisor.pk)]
    log_out(page)
    log_in_through_form(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")


@pytest.mark.opens_django_admin
@pytest.mark.parametrize("door", ["/cms/login/", "/admin/login/"])
def test_the_cms_and_admin_sign_in_pages_lead_to_the_second_factor(page, door):
    """Issue 19, finding 1: Wagtail's and Django's own sign-in pages were a door without
    the second factor. Both now lead to the platform's sign-in, then to its code step."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    advisor = user_with_role(Role.CIPC_ADVISOR, email="conseil@exemple.gouv.fr")
    TOTPDevice.objects.create(user=advisor, name="Application", confirmed=True)
    page.goto(door)
    check_page(page, "Connexion")
    page.get_by_label("Adresse électronique").fill(advisor.email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    check_page(page, "Vérification en deux étapes")
    assert page.url.endswith("/connexion/verification/")
    assert signed_in_sessions() == []

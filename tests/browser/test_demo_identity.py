"""Issue 24 in a real browser: `make run`'s simulated ProConnect and FranceConnect
(concerto/demo/identity.py) let a newcomer walk the identity journeys: the buttons are
on the sign-in and sign-up pages under a demonstration notice, the provider's page lets
them choose who to be, a demo agent's account is linked, a new citizen's is created."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

import concerto.urls  # noqa: F401 - first import takes ~40 s on a loaded machine: not in a request
from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.demo.identity import providers
from tests.browser.conftest import check_page, log_out
from tests.factories import user_with_role
from tests.identity.conftest import _configure

NOTICE = (
    "Environnement de démonstration : ProConnect et FranceConnect sont simulés sur cet "
    "ordinateur. Vous choisirez qui vous êtes, sans mot de passe."
)


@pytest.fixture
def demo_providers(settings):
    started = [provider.start() for provider in providers()]
    _configure(settings, started)
    with override_settings(DEMO_IDENTITY_PROVIDERS=True):
        yield started
    for provider in started:
        provider.stop()


def test_a_newcomer_signs_in_as_a_demo_agent_then_as_a_new_citizen(page, demo_providers):
    agent = user_with_role(
        Role.AGENT, email="agent.ecologie@exemple.gouv.fr", first_name="David",
        last_name="Moreau",
    )  # fmt: skip
    page.goto("/inscription/")
    check_page(page, "Créer un compte")
    expect(page.locator("#identite-demonstration")).to_have_text(NOTICE)
    expect(page.get_by_role("button", name="S’identifier avec ProConnect")).to_be_visible()

    page.goto("/connexion/")
    check_page(page, "Connexion")
    expect(page.locator("#identite-demonstration")).to_have_text(NOTICE)
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    check_page(page, "ProConnect — environnement de démonstration")
    page.get_by_role("button", name="David Moreau — agent (DGALN), compte de démonstration").click()
    check_page(page, "Espace agent public")
    expect(page.get_by_text("Votre identité ProConnect est désormais liée")).to_be_visible()
    assert list(agent.linked_identities.values_list("provider", "sub")) == [
        ("proconnect", "demo-pc-david-moreau")
    ]
    log_out(page)

    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.get_by_role("button", name="S’identifier avec FranceConnect").click()
    check_page(page, "FranceConnect — environnement de démonstration")
    page.get_by_role("button", name="Hugo Lambert — citoyen sans compte sur Concerto").click()
    check_page(page, "Mon espace citoyen")
    expect(page.locator(".fr-text--lead")).to_contain_text("Bonjour Hugo.")
    hugo = User.objects.get(email="hugo.lambert@exemple.fr")
    assert (hugo.first_name, hugo.last_name, hugo.email_verified) == ("Hugo", "Lambert", True)
    log_out(page)

"""Each role signs in, reaches its dashboard and signs out; anonymous visitors browse."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from tests.browser.conftest import check_page, log_in, log_in_through_form, log_out
from tests.factories import PASSWORD, user_with_role

DASHBOARD_TITLES = {
    Role.CITIZEN: "Mon espace citoyen",
    Role.AGENT: "Espace agent public",
    Role.REFERENT: "Espace référent ministériel",
    Role.CIPC_ADVISOR: "Espace du Centre interministériel de la participation citoyenne",
    Role.EXPERT: "Espace expert",
    Role.PROVIDER: "Espace prestataire",
    Role.ADMINISTRATOR: "Administration de la plateforme",
}


def test_anonymous_visitor_reads_the_home_and_statutory_pages(page):
    page.goto("/")
    check_page(page, "La participation citoyenne au sein de l'État")
    expect(page.locator(".fr-header__service-title")).to_have_text("Concerto")
    page.get_by_role("link", name="Accessibilité : non conforme").click()
    check_page(page, "Déclaration d'accessibilité")
    page.get_by_role("link", name="Plan du site").click()
    check_page(page, "Plan du site")
    page.get_by_role("link", name="Mentions légales").first.click()
    check_page(page, "Mentions légales")
    page.goto("/adresse-inconnue/")
    check_page(page, "Page non trouvée")


@pytest.mark.parametrize("role", list(DASHBOARD_TITLES))
def test_each_role_logs_in_reaches_its_dashboard_and_logs_out(page, role):
    user = user_with_role(role, email=f"{role}@exemple.gouv.fr")
    log_in_through_form(page, user.email, PASSWORD)
    check_page(page, DASHBOARD_TITLES[role])
    expect(page.locator(".fr-text--lead")).to_contain_text(f"Bonjour {user.first_name}.")
    log_out(page)
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    page.goto("/tableau-de-bord/")
    check_page(page, "Connexion")


def test_a_user_with_two_roles_switches_dashboards_from_the_side_menu(page):
    user = user_with_role(Role.REFERENT, email="double@exemple.gouv.fr")
    log_in(page, user.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.get_by_role("link", name="Mon espace citoyen").click()
    check_page(page, "Mon espace citoyen")


def test_a_citizen_signs_up_after_fixing_a_mistake_without_retyping(page):
    page.goto("/")
    check_page(page, "La participation citoyenne au sein de l'État")
    page.get_by_role("link", name="Créer un compte").first.click()
    check_page(page, "Créer un compte")
    page.get_by_label("Prénom").fill("Inès")
    page.get_by_label("Nom", exact=True).fill("Garnier")
    page.get_by_label("Adresse électronique").fill("ines.garnier@exemple.fr")
    page.locator("#id_password1").fill("Mot-de-passe-solide-2026")
    page.locator("#id_password2").fill("Mot-de-passe-different-2026")
    page.get_by_role("button", name="Créer mon compte").click()
    check_page(page, "Créer un compte")
    expect(page.locator("#id_password2-desc-error")).to_have_text(
        "Les deux mots de passe ne sont pas identiques."
    )
    expect(page.get_by_label("Prénom")).to_have_value("Inès")
    expect(page.get_by_label("Adresse électronique")).to_have_value("ines.garnier@exemple.fr")
    assert not User.objects.filter(email="ines.garnier@exemple.fr").exists()
    page.locator("#id_password1").fill("Mot-de-passe-solide-2026")
    page.locator("#id_password2").fill("Mot-de-passe-solide-2026")
    page.get_by_role("button", name="Créer mon compte").click()
    check_page(page, "Confirmez votre adresse")
    expect(page.locator(".fr-alert--info")).to_contain_text(
        "Un courriel vient d'être envoyé à ines.garnier@exemple.fr."
    )
    user = User.objects.get(email="ines.garnier@exemple.fr")
    assert (user.get_full_name(), user.email_verified_at) == ("Inès Garnier", None)
    # The account opens once the address is confirmed from the e-mailed link.
    link = re.search(r"http://\S+/inscription/confirmer/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    check_page(page, "Confirmer mon adresse")
    page.get_by_role("button", name="Confirmer et me connecter").click()
    check_page(page, "Mon espace citoyen")
    expect(page.get_by_role("status").first).to_have_text(
        "Votre adresse est confirmée. Bienvenue sur Concerto."
    )


def test_a_forgotten_password_is_reset_through_the_emailed_link(page):
    user = user_with_role(Role.AGENT, email="oubli@exemple.gouv.fr")
    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    check_page(page, "Mot de passe oublié")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_role("button", name="Recevoir le lien").click()
    check_page(page, "Vérifiez votre messagerie")
    link = re.search(r"http://\S+/reinitialisation/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    check_page(page, "Choisir un nouveau mot de passe")
    page.locator("#id_new_password1").fill("Tout-nouveau-secret-2026")
    page.locator("#id_new_password2").fill("Tout-nouveau-secret-2026")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    check_page(page, "Mot de passe modifié")
    log_in_through_form(page, user.email, "Tout-nouveau-secret-2026")
    check_page(page, "Espace agent public")


def test_the_login_form_is_usable_with_the_keyboard_alone(page):
    user = user_with_role(Role.CITIZEN, email="clavier@exemple.fr")
    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.locator("#id_username").focus()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    check_page(page, "Mon espace citoyen")

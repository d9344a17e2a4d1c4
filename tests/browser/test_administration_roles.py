"""Issue 22: the platform's administrator, then a CIPC advisor, give and withdraw roles
from the administration space, with their reasons, without Django's admin."""

import re

from django.core import mail
from playwright.sync_api import expect

from concerto.accounts.models import Membership, RoleChange
from concerto.accounts.roles import Role
from tests.browser.conftest import check_page, log_in, log_in_through_form, log_out
from tests.factories import PASSWORD, CipcFactory, MinistryFactory, UserFactory, user_with_role

NAME = "Hélène Lefèvre"


def test_an_administrator_then_an_advisor_manage_roles(page):
    admin = user_with_role(Role.ADMINISTRATOR, email="admin@exemple.gouv.fr")
    advisor = user_with_role(
        Role.CIPC_ADVISOR, CipcFactory(), email="cipc@exemple.gouv.fr", first_name="Camille",
        last_name="Conseil",
    )  # fmt: skip
    person = UserFactory(first_name="Hélène", last_name="Lefèvre", email="h.lefevre@exemple.fr")
    UserFactory(first_name="Paul", last_name="Martin")
    MinistryFactory(name="Ministère de la Culture", slug="culture")

    log_in(page, admin.email, PASSWORD)
    check_page(page, "Administration de la plateforme")
    page.get_by_role("link", name="Gérer les personnes et leurs rôles").click()
    check_page(page, "Personnes et rôles")
    # Found without its accents or capitals, by keyboard.
    page.get_by_label("Rechercher une personne").fill("HELENE lefevre")
    page.keyboard.press("Enter")
    check_page(page, "Personnes et rôles")
    expect(page.locator("#people-count")).to_have_text("1 personne")
    expect(page.locator("#people tbody tr")).to_have_count(1)
    page.get_by_role("link", name=NAME).click()
    check_page(page, NAME)
    expect(page.locator("#no-roles")).to_be_visible()

    # A role with no reason is refused next to the field; the choices stay.
    page.get_by_label("Organisation").select_option(label="Ministère de la Culture")
    page.get_by_label("Rôle", exact=True).select_option("referent")
    page.get_by_role("button", name="Donner ce rôle").click()
    check_page(page, NAME)
    expect(page.locator("#id_grant-reason-desc-error")).to_have_text(
        "Indiquez le motif : il est gardé dans l'historique."
    )
    expect(page.get_by_label("Rôle", exact=True)).to_have_value("referent")
    assert not Membership.objects.filter(user=person).exists()
    page.locator("#id_grant-reason").fill("Nommée référente le 2 décembre.")
    page.get_by_role("button", name="Donner ce rôle").click()
    check_page(page, NAME)
    expect(page.locator(".fr-alert--success")).to_contain_text(
        "Hélène Lefèvre est désormais « Référent ministériel » — Ministère de la Culture."
    )
    expect(page.locator("#roles tbody tr")).to_have_count(1)
    expect(page.locator("#role-history tbody tr").first.locator("td")).to_have_text(
        [
            re.compile(r"^\d{1,2}(er)? [^ ]+ \d{4} à \d{1,2} h \d{2}$"),
            "Rôle attribué",
            "Référent ministériel",
            "Ministère de la Culture",
            "Nommée référente le 2 décembre.",
            admin.get_full_name(),
        ]
    )
    log_out(page)

    # The CIPC advisor withdraws it, with a reason; another advisor's role is not theirs
    # to withdraw.
    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto(f"/administration/personnes/{person.pk}/")
    check_page(page, NAME)
    membership = Membership.objects.get(user=person)
    page.get_by_role("button", name="Retirer ce rôle").click()
    check_page(page, NAME)
    expect(page.locator(f"#id_m{membership.pk}-reason-desc-error")).to_have_text(
        "Indiquez le motif : il est gardé dans l'historique."
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    page.locator(f"#id_m{membership.pk}-reason").fill("A quitté le ministère.")
    page.get_by_role("button", name="Retirer ce rôle").click()
    check_page(page, NAME)
    expect(page.locator("#no-roles")).to_be_visible()
    expect(page.locator("#role-history tbody tr")).to_have_count(2)
    assert list(RoleChange.objects.filter(user=person).values_list("kind", "actor")) == [
        ("revoked", advisor.pk),
        ("granted", admin.pk),
    ]
    colleague = user_with_role(Role.CIPC_ADVISOR, CipcFactory(), first_name="Dominique",
                               last_name="Collègue")  # fmt: skip
    page.goto(f"/administration/personnes/{colleague.pk}/")
    check_page(page, "Dominique Collègue")
    expect(page.locator("#roles")).to_contain_text("Seul un administrateur peut retirer ce rôle.")
    expect(page.get_by_role("button", name="Retirer ce rôle")).to_have_count(0)


def test_an_advisor_invites_a_referent_who_chooses_a_password_and_signs_in(page):
    advisor = user_with_role(Role.CIPC_ADVISOR, CipcFactory(), email="cipc@exemple.gouv.fr")
    MinistryFactory(name="Ministère de la Culture", slug="culture")
    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.get_by_role("link", name="Gérer les personnes et leurs rôles").click()
    check_page(page, "Personnes et rôles")
    page.get_by_role("link", name="Inviter une personne").click()
    check_page(page, "Inviter une personne")
    page.get_by_label("Adresse électronique").fill("lea.martin@culture.gouv.fr")
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Organisation").select_option(label="Ministère de la Culture")
    page.get_by_label("Rôle").select_option(label="Référent ministériel")
    page.get_by_label("Motif").fill("Nommée référente le 2 décembre.")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    check_page(page, "Léa Martin")
    expect(page.locator(".fr-alert--success")).to_contain_text(
        "Invitation envoyée à lea.martin@culture.gouv.fr"
    )
    log_out(page)

    (message,) = mail.outbox
    link = re.search(r"http://\S+/reinitialisation/\S+/", message.body).group(0)
    page.goto(link)
    check_page(page, "Choisir un nouveau mot de passe")
    page.locator("#id_new_password1").fill("Tout-nouveau-secret-2026")
    page.locator("#id_new_password2").fill("Tout-nouveau-secret-2026")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    check_page(page, "Mot de passe modifié")
    log_in_through_form(page, "lea.martin@culture.gouv.fr", "Tout-nouveau-secret-2026")
    check_page(page, "Espace référent ministériel")

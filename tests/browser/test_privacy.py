"""A participant takes their data away, then erases their account."""

import json
import uuid

from playwright.sync_api import expect

from concerto.participation.actions import submit_contribution
from concerto.participation.models import Contribution
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, UserFactory, open_module


def test_a_citizen_downloads_their_data_then_erases_their_account(page):
    module, _organiser = open_module("proposals", title="Vos propositions")
    citizen = UserFactory(email="lea@exemple.fr", first_name="Léa", last_name="Durand")
    contribution, _ = submit_contribution(
        module, author=citizen, kind="proposal", title="Un banc", body="Un banc devant la mairie.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip

    page.goto("/donnees-personnelles/")
    check_page(page, "Données personnelles")
    expect(page.get_by_role("row", name="Profil de participant")).to_contain_text(
        "Deux ans après la dernière contribution"
    )

    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.get_by_role("link", name="Mes données personnelles : les télécharger").click()
    check_page(page, "Mes données personnelles")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    data = json.loads(open(download_info.value.path(), encoding="utf-8").read())
    assert data["compte"]["email"] == "lea@exemple.fr"
    assert [row["body"] for row in data["donnees_liees"]["participation.contribution/author"]] == [
        "Un banc devant la mairie."
    ]

    # The same data, readable in the browser: French labels, codes shown as words.
    page.get_by_role("link", name="Consulter mes données").click()
    check_page(page, "Consulter mes données")
    account = page.locator("section", has=page.locator("h2#compte"))
    expect(account).to_contain_text("Adresse électronique")
    expect(account).to_contain_text("lea@exemple.fr")
    contributions = page.locator(
        "section", has=page.get_by_role("heading", name="Contributions", exact=True)
    )
    expect(contributions.locator("dl")).to_have_count(1)
    expect(contributions).to_contain_text("Un banc devant la mairie.")
    expect(contributions).to_contain_text("Publiée")
    expect(contributions).not_to_contain_text("published")
    here = page.get_by_role("navigation", name="vous êtes ici :")
    here.get_by_role("link", name="Mes données personnelles").click()
    check_page(page, "Mes données personnelles")

    # A wrong confirmation address is refused next to the field; nothing is erased.
    page.get_by_label("Pour confirmer").fill("autre@exemple.fr")
    page.get_by_text("Retirer aussi mes contributions").click()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    check_page(page, "Mes données personnelles")
    expect(page.locator("#id_email-desc-error, .fr-error-text").first).to_contain_text(
        "Cette adresse n'est pas celle de votre compte"
    )
    expect(page.get_by_label("Pour confirmer")).to_have_value("autre@exemple.fr")
    citizen.refresh_from_db()
    assert citizen.email == "lea@exemple.fr" and citizen.is_active

    page.get_by_label("Pour confirmer").fill("lea@exemple.fr")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    check_page(page, "Votre compte est supprimé")
    expect(page.get_by_text("1 contribution a été retirée et son texte effacé.")).to_be_visible()

    citizen.refresh_from_db()
    contribution.refresh_from_db()
    assert citizen.email == f"compte-supprime-{citizen.pk}@concerto.invalid"
    assert (contribution.author_id, contribution.body, contribution.status) == (
        None, "", Contribution.Status.WITHDRAWN,
    )  # fmt: skip
    page.goto("/tableau-de-bord/")
    check_page(page, "Connexion")


def test_a_citizen_chooses_a_pseudonym_for_public_pages(page):
    module, _organiser = open_module("proposals", title="Vos propositions")
    citizen = UserFactory(
        email="camille@exemple.fr", first_name="Camille", last_name="Quennevilliers"
    )
    proposal, _ = submit_contribution(
        module, author=citizen, kind="proposal", title="Un banc", body="Un banc devant la mairie.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    proposal_url = f"{module.get_absolute_url()}{proposal.pk}/"

    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(proposal_url)
    check_page(page, "Un banc")
    expect(page.locator("#proposal-meta")).to_contain_text("Proposée par Camille Q., le ")

    page.goto("/mon-compte/mes-donnees/")
    check_page(page, "Mes données personnelles")
    # Choosing a pseudonym without typing one is refused; nothing changes.
    page.get_by_text("Un pseudonyme de mon choix").click()
    page.get_by_role("button", name="Enregistrer mon choix").click()
    check_page(page, "Mes données personnelles")
    expect(page.locator("#public-name-form")).to_contain_text(
        "Saisissez le pseudonyme à afficher sur les pages publiques."
    )
    citizen.refresh_from_db()
    assert citizen.public_name_choice == "initials"

    page.get_by_label("Mon pseudonyme").fill("Roue Libre")
    page.get_by_role("button", name="Enregistrer mon choix").click()
    check_page(page, "Mes données personnelles")
    expect(page.get_by_role("status").first).to_have_text(
        "Vos contributions sont désormais signées « Roue Libre » sur les pages publiques."
    )
    page.goto(proposal_url)
    check_page(page, "Un banc")
    expect(page.locator("#proposal-meta")).to_contain_text("Proposée par Roue Libre, le ")
    expect(page.locator("main")).not_to_contain_text("Quennevilliers")

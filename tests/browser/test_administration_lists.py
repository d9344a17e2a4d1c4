"""Issue 22: the administrator keeps the reference lists (a training session, a price of
the framework contract, an answer status) from the administration space, then a CIPC
advisor reads and exports what was done in the activity log; nobody opens /admin/."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.followup.models import AnswerStatus
from concerto.procurement.models import Service
from concerto.trainings.models import Session
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, CipcFactory, user_with_role
from tests.procurement.factories import make_contract
from tests.trainings.factories import make_training


def test_the_administrator_keeps_the_lists_and_the_advisor_reads_the_log(page):
    admin = user_with_role(Role.ADMINISTRATOR, email="admin@exemple.gouv.fr",
                           first_name="Alix", last_name="Admin")  # fmt: skip
    advisor = user_with_role(Role.CIPC_ADVISOR, CipcFactory(), email="cipc@exemple.gouv.fr")
    make_training("Concevoir une concertation")
    _contract, _lot, _holder, services = make_contract()

    log_in(page, admin.email, PASSWORD)
    check_page(page, "Administration de la plateforme")
    page.get_by_role("link", name="Listes de référence").click()
    check_page(page, "Listes de référence")

    # A training session, with a reason; a missing field keeps what was typed.
    page.get_by_role("link", name="Sessions de formation").click()
    check_page(page, "Sessions de formation")
    page.get_by_role("link", name="Ajouter : session").click()
    check_page(page, "Ajouter : session")
    starts = timezone.localtime() + timedelta(days=20)
    page.locator("#id_training").select_option(label="Concevoir une concertation")
    page.locator("#id_starts_at").fill(f"{starts:%Y-%m-%d}T09:30")
    page.locator("#id_ends_at").fill(f"{starts:%Y-%m-%d}T12:30")
    page.locator("#id_place").fill("DITP, 20 avenue de Ségur, Paris")
    page.locator("#id_capacity").fill("12")
    page.get_by_role("button", name="Enregistrer").click()
    check_page(page, "Ajouter : session")
    expect(page.locator("#id_reason-desc-error")).to_have_text(
        "Indiquez le motif : il est gardé dans le journal."
    )
    expect(page.locator("#id_place")).to_have_value("DITP, 20 avenue de Ségur, Paris")
    assert not Session.objects.exists()
    page.locator("#id_reason").fill("Session de janvier demandée par le réseau.")
    page.get_by_role("button", name="Enregistrer").click()
    session = Session.objects.get()
    title = str(session)
    check_page(page, title)
    expect(page.locator(".fr-alert--success")).to_contain_text(f"« {title} » est ajouté.")
    assert (session.capacity, session.place) == (12, "DITP, 20 avenue de Ségur, Paris")

    # A price of the framework contract, found by keyboard from the list's search.
    page.goto("/administration/listes/prix/")
    check_page(page, "Prestations et prix")
    page.get_by_label("Rechercher").fill("journee animation")
    page.keyboard.press("Enter")
    check_page(page, "Prestations et prix")
    expect(page.locator("#register-count")).to_have_text("1 fiche")
    page.get_by_role("link", name="Agence Délibérer").click()
    check_page(page, "A1 — Journée d'animation d'atelier")
    page.locator("#id_unit_price_ht").fill("1300.00")
    page.locator("#id_reason").fill("Révision des prix, avenant n° 2.")
    page.get_by_role("button", name="Enregistrer").click()
    check_page(page, "A1 — Journée d'animation d'atelier")
    expect(page.locator("#record-history tbody tr").first).to_contain_text(
        "Prix unitaire (HT) : « 1250.00 » → « 1300.00 »"
    )
    assert Service.objects.get(pk=services["day"].pk).unit_price_ht == Decimal("1300.00")

    # An answer status of the devoir de suite.
    page.goto("/administration/listes/statuts-de-reponse/nouvelle/")
    check_page(page, "Ajouter : statut de réponse")
    page.locator("#id_label").fill("Reportée")
    page.locator("#id_code").fill("reportee")
    page.locator("#id_requires_new_date").focus()  # the DSFR label covers the box
    page.keyboard.press("Space")
    page.locator("#id_reason").fill("Demande du comité de suivi.")
    page.get_by_role("button", name="Enregistrer").click()
    check_page(page, "Reportée")
    assert AnswerStatus.objects.filter(code="reportee", requires_new_date=True).exists()

    # A notice on every page, from the site's settings, shown as text.
    page.goto("/tableau-de-bord/")
    check_page(page, "Administration de la plateforme")
    page.get_by_role("link", name="Paramètres du site").click()
    check_page(page, "Paramètres du site")
    page.get_by_label("Titre du bandeau").fill("Maintenance le 12 mars de 20 h à 22 h")
    page.locator("#id_reason").fill("Maintenance annoncée par l'hébergeur.")
    page.get_by_role("button", name="Enregistrer").click()
    check_page(page, "Paramètres du site")
    page.goto("/")
    check_page(page, "La participation citoyenne au sein de l'État")
    expect(page.locator(".fr-notice__title")).to_have_text("Maintenance le 12 mars de 20 h à 22 h")
    log_out(page)

    # The CIPC advisor reads the three changes in the log, by author, and downloads them.
    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.get_by_role("link", name="Journal d'activité").click()
    check_page(page, "Journal d'activité")
    page.get_by_label("Rechercher").fill("alix admin")
    page.get_by_role("button", name="Filtrer").click()
    check_page(page, "Journal d'activité")
    expect(page.locator("#activity-count")).to_have_text("4 actions")
    expect(page.locator("#activity tbody tr").nth(1).locator("td").nth(2)).to_have_text(
        "Ajout à la liste « Statuts des réponses »"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger ces actions (CSV)").click()
    text = open(download.value.path(), encoding="utf-8").read()
    rows = [
        (row["auteur"], row["objet"], row["motif"]) for row in csv.DictReader(io.StringIO(text))
    ]
    assert rows == [
        (
            "Alix Admin",
            "Configuration du site : Concerto (fr)",
            "Maintenance annoncée par l'hébergeur.",
        ),
        ("Alix Admin", "Reportée", "Demande du comité de suivi."),
        ("Alix Admin", "A1 — Journée d'animation d'atelier", "Révision des prix, avenant n° 2."),
        ("Alix Admin", title, "Session de janvier demandée par le réseau."),
    ]
    assert Entry.objects.filter(actor=admin).count() == 4

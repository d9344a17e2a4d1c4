"""Organisers add a module, moderate with a reason the author then sees, and export."""

import csv
import io
import uuid
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.participation.actions import report_contribution, submit_contribution
from concerto.participation.models import Contribution, Module
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module


def test_a_moderator_hides_a_contribution_and_its_author_sees_why(page):
    module, organiser = open_module("proposals", title="Vos propositions")
    process = module.process
    author = UserFactory(email="autrice@exemple.fr", first_name="Nina")
    contribution, _ = submit_contribution(
        module, author=author, kind="proposal", title="Hors sujet", body="Achetez mes produits !",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    report_contribution(contribution, reporter=UserFactory(), reason="spam")

    # The organiser adds a second module from the workspace.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/")
    check_page(page, process.title)
    page.get_by_role("link", name="Modules de participation").click()
    check_page(page, "Modules de participation")
    page.get_by_text("Questionnaire", exact=True).click()
    page.locator("#id_title").fill("Questionnaire sur vos trajets")
    today = timezone.localdate()
    page.locator("#id_opens_on").fill(today.isoformat())
    page.locator("#id_closes_on").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Ajouter le module").click()
    check_page(page, "Modules de participation")
    expect(page.locator("#id_closes_on-desc-error")).to_have_text(
        "La clôture doit suivre l'ouverture."
    )
    expect(page.locator("#id_title")).to_have_value("Questionnaire sur vos trajets")
    page.locator("#id_closes_on").fill((today + timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Ajouter le module").click()
    check_page(page, "Modules de participation")
    assert Module.objects.filter(process=process, kind="questionnaire").count() == 1

    # The reported contribution waits in the moderation queue; it is hidden with a reason.
    page.get_by_role("link", name="File de modération").click()
    check_page(page, "Modération des contributions")
    card = page.locator(f"#contribution-{contribution.pk}")
    expect(card).to_contain_text("1 signalement")
    card.get_by_label("Motif de masquage").select_option(label="Publicité ou message répété")
    card.get_by_label("Précision pour l'auteur").fill("Les annonces commerciales sont interdites.")
    card.get_by_role("button", name="Masquer").click()
    check_page(page, "Modération des contributions")
    expect(page.get_by_role("status").first).to_have_text(
        "Contribution masquée ; son auteur en est informé."
    )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.hidden_reason) == ("hidden", "spam")

    # The organiser exports the module: the hidden contribution is there, marked.
    page.goto(f"/espace/dispositifs/{process.pk}/modules/")
    check_page(page, "Modules de participation")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (CSV) — Vos propositions").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert [(row["titre"], row["statut"], row["motif_de_masquage"]) for row in rows] == [
        ("Hors sujet", "Masquée par la modération", "Publicité ou message répété")
    ]
    log_out(page)

    # The author sees why, from the notification on their dashboard.
    log_in(page, author.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.get_by_role("button", name="Votre contribution a été masquée").click()
    check_page(page, "Mes contributions")
    expect(page.locator(f"#contribution-{contribution.pk}")).to_contain_text(
        "Masquée par la modération. Motif : Publicité ou message répété."
    )
    assert Contribution.objects.count() == 1

"""Issue 9 in a real browser: an agent joins a full session's waiting list and is
promoted automatically when a participant cancels."""

import re

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.trainings import actions
from concerto.trainings.models import Registration
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, user_with_role
from tests.trainings.factories import make_session, make_training

TITLE = "Concevoir une concertation"


def test_agent_on_the_waiting_list_is_promoted_when_someone_cancels(page):
    training = make_training(TITLE, audience="Agents des ministères")
    session = make_session(training, capacity=1)
    first = user_with_role(Role.AGENT, first_name="Paul", last_name="Henry")
    actions.register(session, user=first)
    agent = user_with_role(Role.AGENT, first_name="Nadia", last_name="Kaci")

    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.get_by_role("link", name="Catalogue des formations").click()
    check_page(page, "Formations")
    page.get_by_role("link", name=TITLE).click()
    check_page(page, TITLE)
    card = page.locator(f"#session-{session.pk}")
    expect(card.locator(".seats")).to_have_text("Complet")
    card.get_by_role("button", name=re.compile("^Rejoindre la liste d'attente")).click()
    check_page(page, "Mes inscriptions aux formations")
    expect(page.locator(".fr-alert")).to_contain_text("vous êtes sur la liste d'attente")
    mine = Registration.objects.get(user=agent)
    expect(page.locator(f"#inscription-{mine.pk} .status")).to_have_text("Sur liste d'attente")

    # A double click on the button makes no second registration.
    page.goto(training.get_absolute_url())
    check_page(page, TITLE)
    expect(page.locator(f"#session-{session.pk} .fr-badge--info")).to_have_text(
        "Sur liste d'attente"
    )
    assert Registration.objects.filter(user=agent).count() == 1
    log_out(page)

    # The participant with the seat cancels.
    log_in(page, first.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.get_by_role("link", name="Mes inscriptions").click()
    check_page(page, "Mes inscriptions aux formations")
    page.get_by_role("button", name=f"Annuler « {TITLE} »").click()
    check_page(page, "Mes inscriptions aux formations")
    expect(page.locator(".fr-alert")).to_have_text("Votre inscription est annulée.")
    log_out(page)

    # The agent was promoted and told.
    assert dict(Registration.objects.values_list("user_id", "status")) == {
        first.pk: "cancelled",
        agent.pk: "confirmed",
    }
    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    expect(page.locator("#my-trainings")).to_contain_text("Inscription confirmée")
    page.locator("#notifications").get_by_role(
        "button", name=f"Une place s'est libérée : {TITLE}"
    ).click()
    check_page(page, "Mes inscriptions aux formations")
    expect(page.locator(f"#inscription-{mine.pk} .status")).to_have_text("Inscription confirmée")


def test_trainer_takes_attendance_and_attendee_answers_survey_and_downloads_certificate(page):
    from datetime import timedelta

    from django.utils import timezone

    session = make_session(make_training(TITLE), capacity=3)
    agent = user_with_role(Role.AGENT, first_name="Nadia", last_name="Kaci")
    absent = user_with_role(Role.AGENT, first_name="Marc", last_name="Roy")
    actions.register(session, user=agent)
    actions.register(session, user=absent)
    session.starts_at = timezone.now() - timedelta(hours=3)
    session.ends_at = timezone.now() - timedelta(hours=1)
    session.save()
    cipc = user_with_role(Role.CIPC_ADVISOR)

    log_in(page, cipc.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.locator("#training-sessions").get_by_role("link").first.click()
    check_page(page, "Émargement")
    page.get_by_text(f"Nadia Kaci ({agent.email})").click()
    page.get_by_role("button", name="Enregistrer l'émargement").click()
    check_page(page, "Émargement")
    log_out(page)
    assert dict(Registration.objects.values_list("user_id", "attended")) == {
        agent.pk: True,
        absent.pk: False,
    }

    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto("/formations/mes-inscriptions/")
    check_page(page, "Mes inscriptions aux formations")
    page.get_by_role("link", name="Donner mon avis").click()
    check_page(page, "Votre avis sur la formation")
    page.get_by_text("4 — Satisfait").click()
    page.get_by_text("Oui", exact=True).click()
    page.locator("#id_comment").fill("Très concret.")
    page.get_by_role("button", name="Envoyer mon avis").click()
    check_page(page, "Mes inscriptions aux formations")
    survey = Registration.objects.get(user=agent).survey
    assert (survey.rating, survey.useful, survey.comment) == (4, True, "Très concret.")
    link = page.get_by_role("link", name="Attestation de présence PDF")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"

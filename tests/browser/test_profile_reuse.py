"""Issue 27, reuse with consent: a citizen answers process A's profile questions and
keeps them in their profile, finds them pre-filled in process B and confirms, then
erases the profile from their space (B's answers stay apart)."""

from playwright.sync_api import expect

from concerto.participation.models import ParticipantProfile
from concerto.processes.models import Theme
from concerto.representativeness import actions as profile_actions
from concerto.representativeness.models import ProfileResponse
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, UserFactory, open_module

FIRST = "Plan vélo : vos propositions"
SECOND = "Espaces verts : vos idées"
QUESTIONS = "Quelques questions sur vous (facultatif)"
CONSENT = "Enregistrer ces réponses dans mon profil pour les prochains dispositifs"
RURAL = "Rurale (peu dense ou très peu dense)"


def _configured(title: str, questions: list[str]):
    module, organiser = open_module("proposals", title=title)
    profile_actions.configure_profile(
        module.process, actor=organiser, questions=questions, alert_percent=80
    )
    return module


def _propose(page, module, title: str) -> None:
    page.goto(module.get_absolute_url())
    check_page(page, module.title)
    page.get_by_label("Titre de la proposition").fill(title)
    page.locator("#id_body").fill("Plus d'arbres le long des rues.")
    page.locator("#id_theme").select_option(label="Transports et mobilités")
    page.get_by_role("button", name="Publier ma proposition").click()
    check_page(page, QUESTIONS)


def test_answers_kept_with_consent_pre_fill_the_next_process_then_are_erased(page):
    # Transactional tests flush the themes the migration seeded.
    Theme.objects.get_or_create(slug="transports", defaults={"name": "Transports et mobilités"})
    first = _configured(FIRST, ["age_band", "gender", "commune_type"])
    second = _configured(SECOND, ["gender", "commune_type", "occupation"])
    citizen = UserFactory(email="lea@exemple.fr")
    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")

    # Process A: nothing to pre-fill yet; Léa answers and keeps her answers.
    _propose(page, first, "Des pistes cyclables")
    expect(page.locator("#pre-rempli")).to_have_count(0)
    expect(page.get_by_label(CONSENT)).not_to_be_checked()
    page.get_by_label("35 à 49 ans", exact=True).check(force=True)
    page.get_by_label("Femme", exact=True).check(force=True)
    page.get_by_label(RURAL, exact=True).check(force=True)
    page.get_by_label(CONSENT).check(force=True)
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    check_page(page, "Des pistes cyclables")
    kept = {"age_band": "35_49", "gender": "woman", "commune_type": "rural"}
    assert ProfileResponse.objects.get(user=citizen, process=first.process).answers == kept
    assert ParticipantProfile.objects.get(user=citizen).answers == kept

    # Process B: the questions it shares with A are pre-filled, the others are not.
    _propose(page, second, "Un jardin partagé")
    expect(page.locator("#pre-rempli")).to_contain_text(
        "Certaines réponses sont pré-remplies à partir de votre profil de participant"
    )
    expect(page.get_by_label("Femme", exact=True)).to_be_checked()
    expect(page.get_by_label(RURAL, exact=True)).to_be_checked()
    expect(page.get_by_label("Employé", exact=True)).not_to_be_checked()
    expect(page.get_by_label(CONSENT)).not_to_be_checked()
    page.get_by_label("Employé", exact=True).check(force=True)
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    check_page(page, "Un jardin partagé")
    assert ProfileResponse.objects.get(user=citizen, process=second.process).answers == {
        "gender": "woman", "commune_type": "rural", "occupation": "employee",
    }  # fmt: skip
    # The box was left unticked: the profile keeps what A's form gave it.
    assert ParticipantProfile.objects.get(user=citizen).answers == kept

    # Léa reads her profile in her space, then erases it at once.
    page.goto("/mon-profil-participant/")
    check_page(page, "Mon profil de participant")
    expect(page.get_by_label("35 à 49 ans", exact=True)).to_be_checked()
    expect(page.locator("select#id_departement")).to_have_value("")
    page.get_by_role("button", name="Supprimer mon profil (retirer mon consentement)").click()
    check_page(page, "Mon profil de participant")
    expect(page.get_by_text("Vos réponses de profil sont supprimées.")).to_be_visible()
    expect(page.get_by_label("35 à 49 ans", exact=True)).not_to_be_checked()
    assert not ParticipantProfile.objects.filter(user=citizen).exists()
    # Each process's answers stay apart, erased with the account.
    assert ProfileResponse.objects.filter(user=citizen).count() == 2

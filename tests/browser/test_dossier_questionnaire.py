"""Issue 4 in a real browser: a citizen reads the information dossier and suggests a
source; a citizen answers a questionnaire, saves, comes back and sends; the organiser
builds a question and opens the live results."""

import uuid

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from concerto.dossiers import actions as dossier_actions
from concerto.participation.models import Contribution, ContributionKind
from concerto.questionnaires import actions as questionnaire_actions
from concerto.questionnaires.models import Response
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module
from tests.questionnaires.helpers import bike_questionnaire


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def sign_in_from(page, link: str, email: str, heading: str) -> None:
    """Follow a page's sign-in invitation and come back to that page signed in."""
    page.get_by_role("link", name=link).click()
    check_page(page, "Connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    check_page(page, heading)


def choose(question, label: str) -> None:
    """Tick a DSFR radio button or checkbox: its styled label covers the input."""
    question.get_by_label(label, exact=True).check(force=True)


def test_a_citizen_reads_the_dossier_and_suggests_a_missing_source(page):
    module, organiser = open_module("dossier", title="Dossier du plan vélo")
    dossier_actions.add_document(
        module, actor=organiser, title="Étude d'impact du plan", source="DGITM",
        viewpoint="administration", summary="Les effets attendus du plan.",
        body="Le plan réduirait les émissions du secteur de 2 %.",
    )  # fmt: skip
    dossier_actions.add_document(
        module, actor=organiser, title="Contre-expertise des usagers", source="FUB",
        viewpoint="association d'usagers", contradictory=True,
        body="Les moyens prévus sont insuffisants.",
    )  # fmt: skip
    citizen = UserFactory(email="ines@exemple.fr")

    page.goto(module.get_absolute_url())
    check_page(page, "Dossier du plan vélo")
    cards = page.locator("#document-list > li")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).locator(".fr-badge")).to_have_text(["Point de vue : administration"])
    expect(cards.nth(1).locator(".fr-badge")).to_have_text(
        ["Point de vue contradictoire", "Point de vue : association d'usagers"]
    )
    page.get_by_role("link", name="Contre-expertise des usagers").click()
    check_page(page, "Contre-expertise des usagers")
    expect(page.locator("#document-body")).to_have_text("Les moyens prévus sont insuffisants.")
    expect(page.locator("#document-source")).to_have_text("Source : FUB")
    page.get_by_role("link", name="Retour au dossier").click()
    check_page(page, "Dossier du plan vélo")

    sign_in_from(page, "Se connecter pour suggérer une source", citizen.email,
                 "Dossier du plan vélo")  # fmt: skip
    page.get_by_role("link", name="Suggérer une source").click()
    check_page(page, "Suggérer une source")
    page.get_by_label("Titre de la source").fill("Rapport de l'ADEME sur le vélo")
    page.locator("#id_url").fill("https://www.ademe.fr/velo")
    page.get_by_label("Pourquoi cette source manque-t-elle au dossier ?").fill(
        "Il chiffre les bénéfices du vélo pour la santé."
    )
    page.get_by_role("button", name="Envoyer la suggestion").click()
    check_page(page, "Dossier du plan vélo")
    expect(page.get_by_role("status").first).to_have_text(
        "Merci : votre suggestion de source est transmise aux organisateurs."
    )
    suggestion = Contribution.objects.get()
    assert (suggestion.kind, suggestion.author_id, suggestion.title) == (
        ContributionKind.SOURCE_SUGGESTION, citizen.pk, "Rapport de l'ADEME sur le vélo",
    )  # fmt: skip


def test_a_citizen_answers_saves_comes_back_and_sends(page):
    module, _organiser, q = bike_questionnaire()
    citizen = UserFactory(email="paul@exemple.fr")
    title = "Questionnaire sur le plan vélo"

    page.goto(module.get_absolute_url())
    check_page(page, title)
    sign_in_from(page, "Se connecter pour répondre", citizen.email, title)

    rides = page.locator(f"#question-{q['rides'].pk}")
    trips = page.locator(f"#question-{q['trips'].pk}")
    # The trips question only shows to those who ride a bike.
    expect(trips).to_be_hidden()
    choose(rides, "Oui")
    expect(trips).to_be_visible()
    choose(trips, "Travail")
    choose(page.locator(f"#question-{q['safety'].pk}"), "4")
    priorities = q["priorities"].pk
    page.locator(f"#id_q_{priorities}_0").select_option("2")
    page.locator(f"#id_q_{priorities}_1").select_option("1")
    page.locator(f"#id_q_{priorities}_2").select_option("3")
    page.get_by_role("button", name="Enregistrer et reprendre plus tard").click()
    check_page(page, title)
    expect(page.get_by_role("status").first).to_contain_text("Vos réponses sont enregistrées.")
    assert Response.objects.get().status == "draft"

    log_out(page)
    page.goto(module.get_absolute_url())
    check_page(page, title)
    sign_in_from(page, "Se connecter pour répondre", citizen.email, title)
    expect(page.locator("#draft-notice")).to_contain_text("Brouillon enregistré le")
    expect(rides.get_by_label("Oui")).to_be_checked()
    expect(trips.get_by_label("Travail")).to_be_checked()
    expect(page.locator(f"#id_q_{priorities}_1")).to_have_value("1")

    # The required open question is still empty: the error shows next to it.
    page.get_by_role("button", name="Envoyer mes réponses").click()
    check_page(page, title)
    expect(page.locator(f"#id_q_{q['ideas'].pk}-desc-error")).to_have_text(
        "Répondez à cette question : elle est obligatoire."
    )
    expect(trips.get_by_label("Travail")).to_be_checked()
    page.locator(f"#id_q_{q['ideas'].pk}").fill("Des garages à vélos dans les gares.")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    check_page(page, title)
    expect(page.get_by_role("status").first).to_have_text("Merci ! Vos réponses ont été envoyées.")
    expect(page.locator("#my-answers dd")).to_have_text(
        ["Oui", "Travail", "4", "1. Stationnement, 2. Pistes cyclables, 3. Aides à l'achat",
         "Des garages à vélos dans les gares."]
    )  # fmt: skip
    response = Response.objects.get()
    assert response.status == "submitted"
    assert Contribution.objects.get().body == "Des garages à vélos dans les gares."


def test_the_organiser_builds_a_question_and_opens_the_results(page):
    module, organiser, q = bike_questionnaire()
    heading = "Questionnaire : Questionnaire sur le plan vélo"
    workspace = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/questions/"

    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(workspace)
    check_page(page, heading)
    page.locator("#id_kind").select_option(label="Choix unique")
    page.get_by_label("Question", exact=True).fill("Avez-vous un vélo électrique ?")
    page.locator("#id_choices").fill("Oui\nNon")
    page.locator("#id_condition_question").select_option(label="Utilisez-vous le vélo ?")
    page.locator("#id_condition_values").fill("Oui")
    page.get_by_role("button", name="Ajouter la question").click()
    check_page(page, heading)
    expect(page.locator("#questions-table tbody tr")).to_have_count(6)
    expect(page.locator("#questions-table tbody tr").nth(5).locator("td").nth(3)).to_have_text(
        "Si « Utilisez-vous le vélo ? » : Oui"
    )
    electric = module.questions.get(position=6)

    for rides, has_electric in (("Oui", "Oui"), ("Oui", "Non"), ("Non", "Oui")):
        questionnaire_actions.submit_response(
            module, participant=UserFactory(), idempotency_key=uuid.uuid4(),
            answers={q["rides"].pk: rides, q["trips"].pk: ["Loisirs"], q["ideas"].pk: "Idée",
                     electric.pk: has_electric},
        )  # fmt: skip
    page.reload()
    check_page(page, heading)
    expect(page.locator("#locked")).to_contain_text("Des participants ont déjà commencé")
    expect(page.get_by_role("button", name="Ajouter la question")).to_have_count(0)
    page.get_by_role("button", name="Publier les résultats").click()
    check_page(page, heading)
    expect(page.locator("#results-status")).to_have_text(
        "Les résultats des questions fermées sont publics : les participants les voient sur la "
        "page du questionnaire."
    )

    log_out(page)
    page.goto(module.get_absolute_url())
    check_page(page, "Questionnaire sur le plan vélo")
    rows = page.locator(f"#results-question-{electric.pk} tbody tr")
    # The third respondent does not ride: their answer to the hidden question is not counted.
    expect(rows.nth(0)).to_have_text("Oui 1 50 %", use_inner_text=True)
    expect(rows.nth(1)).to_have_text("Non 1 50 %", use_inner_text=True)

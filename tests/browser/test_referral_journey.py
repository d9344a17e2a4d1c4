"""The whole path of issue 3 in a real browser: declare, pre-check, refer, review,
opinion with recommendations, sponsor's answers, publication."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, DirectorateFactory, MinistryFactory, user_with_role


def fill_date(page, field: str, value) -> None:
    page.locator(f"#id_{field}").fill(value.isoformat())


def declare(page, title: str) -> None:
    today = timezone.localdate()
    page.get_by_role("link", name="Déclarer un dispositif").click()
    check_page(page, "Déclarer un dispositif")
    page.get_by_label("Titre du dispositif").fill(title)
    page.get_by_role("button", name="Créer le brouillon").click()
    check_page(page, "Identité Étape 1 sur 8")
    page.locator("#id_summary").fill("Associer les habitants au plan vélo.")
    page.locator("#id_sponsor").select_option(label="Sam Sponsor (sponsor@exemple.gouv.fr)")
    page.locator("#id_sponsor_title").fill("Directrice générale des mobilités")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Cadrage et décision Étape 2 sur 8")
    page.locator("#id_decision_at_stake").fill("Le contenu du plan vélo 2027-2030.")
    page.locator("#id_decision_maker").fill("Le ministre chargé des transports")
    fill_date(page, "decision_date", today + timedelta(days=200))
    page.locator("#id_negotiable").fill("Les priorités d'investissement.")
    page.locator("#id_non_negotiable").fill("L'enveloppe globale.")
    page.locator("#id_alternatives").fill("Pistes, stationnement, aides.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Publics Étape 3 sur 8")
    page.locator("#id_publics_concerned").fill("Cyclistes, piétons, collectivités.")
    page.locator("#id_offline_reach").fill("Questionnaires papier en mairie.")
    page.locator("#id_target_participants").fill("5000")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Méthode et calendrier Étape 4 sur 8")
    page.get_by_text("Consultation publique", exact=True).click()
    fill_date(page, "participation_start", today + timedelta(days=60))
    # A participation ending after the decision is refused next to the field.
    fill_date(page, "participation_end", today + timedelta(days=210))
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Méthode et calendrier Étape 4 sur 8")
    decision = (today + timedelta(days=200)).strftime("%d/%m/%Y")
    expect(page.locator("#id_participation_end-desc-error")).to_have_text(
        f"La participation doit se terminer avant la date prévue de la décision (le {decision})."
    )
    expect(page.get_by_label("Consultation publique")).to_be_checked()
    fill_date(page, "participation_end", today + timedelta(days=120))
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Information des participants Étape 5 sur 8")
    for index, (title_, viewpoint) in enumerate(
        [("Étude d'impact", "administration"), ("Note de la FUB", "association d'usagers")]
    ):
        page.locator(f"#id_sources-{index}-title").fill(title_)
        page.locator(f"#id_sources-{index}-viewpoint").fill(viewpoint)
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Moyens Étape 6 sur 8")
    page.locator("#id_budget").fill("150000")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Devoir de suite Étape 7 sur 8")
    fill_date(page, "follow_up_date", today + timedelta(days=180))
    page.locator("#id_commitments-0-what").fill("Réponse à chaque proposition")
    page.locator("#id_commitments-0-who").fill("La direction générale des mobilités")
    page.locator("#id_commitments-0-due_date").fill((today + timedelta(days=170)).isoformat())
    page.locator("#id_commitments-0-channel").fill("Page du dispositif")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    check_page(page, "Évaluation Étape 8 sur 8")
    page.locator("#id_evaluation_plan").fill("Questionnaire aux participants.")
    page.get_by_role("button", name="Enregistrer et revenir à la synthèse").click()
    check_page(page, title)


def test_a_process_goes_from_declaration_to_the_public_registry(page):
    ministry = MinistryFactory(name="Ministère des Transports", short_name="MT", slug="transports")
    directorate = DirectorateFactory(parent=ministry, name="DGITM", slug="dgitm")
    agent = user_with_role(Role.AGENT, organisation=directorate, email="agent@exemple.gouv.fr")
    user_with_role(
        Role.AGENT, organisation=directorate, email="sponsor@exemple.gouv.fr",
        first_name="Sam", last_name="Sponsor",
    )  # fmt: skip
    referent = user_with_role(Role.REFERENT, organisation=ministry, email="ref@exemple.gouv.fr")
    advisor = user_with_role(Role.CIPC_ADVISOR, email="cipc@exemple.gouv.fr", first_name="Camille")
    title = "Concertation sur le plan vélo"

    # The agent declares the process and sees the automatic pre-check.
    log_in(page, agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    declare(page, title)
    expect(page.locator("#critere-plural-information td").nth(1)).to_have_text("À risque")
    expect(page.locator("#critere-decision-stated td").nth(1)).to_have_text("Satisfait")
    expect(page.get_by_role("button", name="Transmettre au CIPC")).to_have_count(0)
    process = Process.objects.get(title=title)
    assert process.status == Status.DRAFT and process.sources.count() == 2
    log_out(page)

    # The referent refers it to the CIPC.
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.get_by_role("link", name=title).click()
    check_page(page, title)
    page.get_by_label("Message au CIPC").fill("Lancement prévu au printemps.")
    page.get_by_role("button", name="Transmettre au CIPC").click()
    check_page(page, title)
    expect(page.get_by_role("status").first).to_have_text(
        "Le dispositif est transmis au CIPC, qui rendra son avis."
    )
    expect(page.locator("#referral-summary")).to_contain_text("Version 1 transmise le")
    log_out(page)

    # A CIPC advisor takes the referral, reviews a criterion, asks and issues an opinion.
    assert [m.to for m in mail.outbox if "Nouvelle saisine" in m.subject] == [[advisor.email]]
    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.locator("#queue").get_by_role("link", name=title).click()
    check_page(page, title)
    page.get_by_role("button", name="Attribuer").click()
    check_page(page, title)
    # The quality grid is one form: a draft keeps what was typed for one criterion.
    section = page.locator("#critere-plural-information")
    section.get_by_text("À améliorer", exact=True).click()
    section.get_by_label("Commentaire").fill("Une seule source contradictoire.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    check_page(page, title)
    expect(page.locator("#grid-progress")).to_have_text("1 critère apprécié sur 15.")
    expect(page.locator("#critere-plural-information")).to_contain_text(
        "Appréciation : À améliorer (Camille"
    )
    page.locator("#id_body").fill("Quelles sources contradictoires prévoyez-vous ?")
    page.get_by_role("button", name="Poser la question").click()
    check_page(page, title)
    page.get_by_text("Favorable avec recommandations").click()
    page.get_by_label("Motivation").fill("Dispositif bien cadré ; information à enrichir.")
    page.get_by_role("button", name="Rendre l'avis").click()
    check_page(page, title)
    expect(page.locator("#id_recommendation_1-desc-error")).to_have_text(
        "Un avis favorable avec recommandations en compte au moins une."
    )
    expect(page.get_by_label("Motivation")).to_have_value(
        "Dispositif bien cadré ; information à enrichir."
    )
    page.locator("#id_recommendation_1").fill("Ajouter deux sources contradictoires.")
    page.get_by_role("button", name="Rendre l'avis").click()
    check_page(page, title)
    expect(page.locator("#opinion")).to_contain_text("Favorable avec recommandations")
    log_out(page)

    # The sponsor answers the recommendation; a partial answer needs a reason.
    log_in(page, "sponsor@exemple.gouv.fr", PASSWORD)
    check_page(page, "Espace agent public")
    page.get_by_role("link", name=title).click()
    check_page(page, title)
    card = page.locator("#recommandation-1")
    card.get_by_text("Partiellement acceptée").click()
    card.get_by_role("button", name="Enregistrer la réponse à R1").click()
    check_page(page, title)
    expect(page.locator("#id_r1-answer_reason-desc-error")).to_have_text(
        "Expliquez pourquoi la recommandation n'est pas entièrement acceptée : "
        "ce motif sera publié."
    )
    card = page.locator("#recommandation-1")
    card.get_by_label("Motif").fill("Une source de plus : le calendrier est serré.")
    card.get_by_role("button", name="Enregistrer la réponse à R1").click()
    check_page(page, title)
    expect(page.locator("#recommandation-1")).to_contain_text(
        "Partiellement acceptée — Une source de plus : le calendrier est serré."
    )
    log_out(page)

    # The referent publishes; the process shows in the public registry with its opinion.
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.get_by_role("link", name=title).click()
    check_page(page, title)
    page.get_by_role("button", name="Publier le dispositif avec l'avis du CIPC").click()
    check_page(page, title)
    process.refresh_from_db()
    assert process.status == Status.PUBLISHED
    assert list(process.transitions.values_list("action", flat=True)) == [
        "submit_referral", "assign_advisor", "issue_opinion", "publish_process",
    ]  # fmt: skip
    log_out(page)
    page.goto("/dispositifs/")
    check_page(page, "Dispositifs participatifs")
    page.get_by_role("link", name=title).click()
    check_page(page, title)
    expect(page.get_by_text("Favorable avec recommandations")).to_be_visible()
    expect(page.get_by_text("Ajouter deux sources contradictoires.")).to_be_visible()
    expect(page.get_by_text("Une source de plus : le calendrier est serré.")).to_be_visible()

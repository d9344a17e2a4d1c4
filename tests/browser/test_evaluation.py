# ruff: noqa: E501 (the survey questions are quoted whole)
"""Issue 11 in a real browser: participants answer the evaluation survey, the evaluator
publishes a report whose representativeness table comes from the profile answers, and
the public State-wide figures add up."""

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.evaluation.models import EvaluationReport, SurveyParticipation, SurveyResponse
from concerto.processes.lifecycle import Status
from tests.browser.conftest import HOME, check_page, log_in, log_out
from tests.evaluation.conftest import evaluable_process
from tests.factories import PASSWORD, MinistryFactory, complete_process, user_with_role, walk_to

TITLE = "Concertation sur le plan vélo"
AGREE = {
    "J'ai compris ce qui était attendu de ma participation et ce qui serait décidé.": "Tout à fait d'accord",
    "L'information fournie était claire et présentait des points de vue variés.": "Plutôt d'accord",
    "J'ai eu assez de temps et d'occasions pour exprimer mon point de vue.": "Plutôt d'accord",
    "Mon point de vue a été respecté, même par celles et ceux qui n'étaient pas d'accord.": "Tout à fait d'accord",
    "J'ai appris des choses nouvelles sur le sujet.": "Ni d'accord ni pas d'accord",
    "L'animation des échanges était neutre et impartiale.": "Plutôt d'accord",
    "Il était facile de trouver comment participer et de déposer une contribution.": "Plutôt d'accord",
    "Je pense que les contributions seront prises en compte dans la décision.": "Plutôt pas d'accord",
    "Dans l'ensemble, je suis satisfait ou satisfaite de ma participation.": "Plutôt d'accord",
}  # fmt: skip


def rows(page, table: str) -> list[list[str]]:
    """The cells of a table's body, row by row."""
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in page.locator(f"{table} tbody tr").all()
    ]


def answer_survey(page, citizen, satisfaction: str) -> None:
    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.locator("#notifications").get_by_role("button", name=f"Votre avis sur « {TITLE} »").click()
    check_page(page, f"Votre avis sur « {TITLE} »")
    answers = {**AGREE}
    answers["Dans l'ensemble, je suis satisfait ou satisfaite de ma participation."] = satisfaction
    for question, choice in answers.items():
        page.get_by_role("group", name=question).get_by_text(choice, exact=True).click()
    page.locator("#id_improve").fill("Des réunions le soir, après le travail.")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    check_page(page, f"Votre avis sur « {TITLE} »")
    expect(page.locator("#deja-repondu")).to_contain_text("Vous avez répondu à ce questionnaire")
    log_out(page)


def test_survey_answers_and_published_report_with_representativeness(page):
    evaluated = evaluable_process(TITLE)
    process = evaluated.process

    # The referent sends the survey and enters the census margins.
    log_in(page, evaluated.referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(f"/espace/dispositifs/{process.pk}/evaluation/")
    check_page(page, f"Évaluation : {TITLE}")
    page.get_by_role("button", name="Envoyer le questionnaire aux participants").click()
    check_page(page, f"Évaluation : {TITLE}")
    expect(page.locator("#questionnaires")).to_contain_text("Participants : envoyé le")
    page.get_by_role("link", name="Saisir ou importer les marges de référence").click()
    check_page(page, "Marges de référence")
    page.locator("#id_gender__woman").fill("51,6")
    page.locator("#id_gender__man").fill("60")
    page.locator("#id_age_band__35_49").fill("24,5")
    page.locator("#id_source").fill("Insee, recensement 2021")
    page.get_by_role("button", name="Enregistrer les marges").click()
    check_page(page, "Marges de référence")
    # Over 100 %: refused, what was typed stays.
    expect(page.locator("#form-errors")).to_contain_text("dépassent 100 % au total")
    expect(page.locator("#id_age_band__35_49")).to_have_value("24,5")
    page.locator("#id_gender__man").fill("48,4")
    page.get_by_role("button", name="Enregistrer les marges").click()
    check_page(page, f"Évaluation : {TITLE}")
    log_out(page)

    # Two participants answer; a second visit shows they already did.
    answer_survey(page, evaluated.citizens[0], "Plutôt d'accord")
    answer_survey(page, evaluated.citizens[1], "Pas du tout d'accord")
    assert SurveyResponse.objects.count() == 2
    assert SurveyParticipation.objects.count() == 2

    # The CIPC advisor writes the judgement per OECD criterion and publishes.
    log_in(page, evaluated.advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto(f"/espace/dispositifs/{process.pk}/evaluation/")
    check_page(page, f"Évaluation : {TITLE}")
    page.locator("#id_summary").fill("Un dispositif bien cadré qui a peu touché les hommes.")
    for code, rating, text in [
        ("design_integrity", "Satisfaisant", "Cadrage clair, information contradictoire."),
        ("deliberative_experience", "Partiellement satisfaisant", "Peu de temps d'échange."),
        ("pathways_to_impact", "Satisfaisant", "Engagements de suite datés."),
    ]:
        page.locator(f"#id_{code}_rating").select_option(label=rating)
        page.locator(f"#id_{code}_text").fill(text)
    page.get_by_role("button", name="Publier le rapport").click()
    check_page(page, f"Évaluation : {TITLE}")
    assert EvaluationReport.objects.get().is_published

    assert rows(page, "#representativite-gender") == [
        ["Femme", "3", "75,0 %", "51,6 %", "+23,4"],
        ["Homme", "1", "25,0 %", "48,4 %", "-23,4"],
    ]
    assert rows(page, "#representativite-age_band") == [
        ["25 à 34 ans", "1", "25,0 %", "—", "—"],
        ["35 à 49 ans", "2", "50,0 %", "24,5 %", "+25,5"],
        ["65 ans et plus", "1", "25,0 %", "—", "—"],
    ]
    assert rows(page, "#representativite-departement") == [
        ["29", "2", "66,7 %", "—", "—"],
        ["75", "1", "33,3 %", "—", "—"],
    ]
    assert rows(page, "#table-canaux") == [
        ["En ligne", "5", "5"],
        ["Papier (cahier citoyen, formulaire)", "2", "2"],
    ]
    expect(page.locator("#questionnaire-participants")).to_contain_text(
        "2 réponses sur 5 personnes sollicitées — taux de réponse 40,0 %"
    )
    expect(page.locator("#questionnaire-participants")).to_contain_text(
        "Dans l'ensemble, je suis satisfait ou satisfaite de ma participation. — 50,0 % d'accord"
    )
    expect(page.locator("#appreciation")).to_contain_text("Partiellement satisfaisant")

    # The PDF has its own print stylesheet.
    # WeasyPrint takes a few seconds on a loaded machine.
    pdf = page.request.get(f"/dispositifs/{process.slug}/evaluation.pdf", timeout=90_000)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:5] == b"%PDF-"
    log_out(page)

    # Anyone reads the published report.
    page.goto(f"/dispositifs/{process.slug}/evaluation/")
    check_page(page, f"Évaluation : {TITLE}")
    assert rows(page, "#representativite-gender")[0] == ["Femme", "3", "75,0 %", "51,6 %", "+23,4"]


def test_expert_evaluates_only_the_process_given_to_them(page):
    evaluated = evaluable_process(TITLE)
    expert = user_with_role(Role.EXPERT)
    workspace = f"/espace/dispositifs/{evaluated.process.pk}/evaluation/"
    log_in(page, expert.email, PASSWORD)
    check_page(page, "Espace expert")
    assert page.request.get(workspace).status == 404
    log_out(page)

    log_in(page, evaluated.advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto(workspace)
    check_page(page, f"Évaluation : {TITLE}")
    page.locator("#id_email").fill(expert.email)
    page.get_by_role("button", name="Confier l'évaluation à cet expert").click()
    check_page(page, f"Évaluation : {TITLE}")
    expect(page.locator("#evaluateurs")).to_contain_text(expert.email)
    log_out(page)

    log_in(page, expert.email, PASSWORD)
    check_page(page, "Espace expert")
    page.locator("#evaluations-confiees").get_by_role("link", name=TITLE).click()
    check_page(page, f"Évaluation : {TITLE}")
    expect(page.get_by_role("button", name="Publier le rapport")).to_be_visible()


def test_public_figures_show_exact_counts(page):
    ecology = MinistryFactory(name="Ministère de la Transition écologique", slug="ecologie")
    health = MinistryFactory(name="Ministère de la Santé", slug="sante")
    for title, status in [("Plan vélo", Status.OPEN), ("Plan piéton", Status.PUBLISHED)]:
        walk_to(complete_process(ministry=ecology, title=title), status)
    walk_to(complete_process(ministry=health, title="Déserts médicaux"), Status.OPEN)
    complete_process(ministry=health, title="Brouillon santé")  # a draft: not public

    page.goto("/")
    check_page(page, HOME)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Chiffres"
    ).click()
    check_page(page, "Chiffres de la participation citoyenne")
    assert rows(page, "#table-ministeres") == [
        ["Ministère de la Transition écologique", "2"],
        ["Ministère de la Santé", "1"],
    ]
    assert rows(page, "#table-methodes") == [
        ["Réunions ouvertes", "3"],
        ["Consultation publique", "3"],
    ]
    assert rows(page, "#table-saisines") == [
        ["Saisines du CIPC", "3"],
        ["Avis rendus", "3"],
        ["Favorable", "0"],
        ["Favorable avec recommandations", "3"],
        ["Défavorable", "0"],
        ["Avis rendus dans le délai", "3"],
    ]
    assert rows(page, "#table-suites") == [
        ["Rendues à temps", "0"], ["Rendues en retard", "0"],
        ["Non rendues, date dépassée", "0"], ["Pas encore dues", "3"],
    ]  # fmt: skip
    csv = page.request.get("/chiffres/ministeres.csv")
    assert csv.text() == (
        "ministere,dispositifs\r\n"
        "Ministère de la Transition écologique,2\r\n"
        "Ministère de la Santé,1\r\n"
    )

    # The CIPC's view also counts the draft.
    advisor = user_with_role(Role.CIPC_ADVISOR)
    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto("/chiffres/")
    check_page(page, "Chiffres de la participation citoyenne")
    assert rows(page, "#table-ministeres") == [
        ["Ministère de la Santé", "2"],
        ["Ministère de la Transition écologique", "2"],
    ]

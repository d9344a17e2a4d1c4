"""Issue 22: the CIPC reviews a referral on one screen: the whole frozen declaration, the
differences between versions, the fifteen criteria appraised in one submission, a
question that pauses the review clock, then the opinion."""

from django.utils import timezone
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.frenchdates import french_date
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import CriterionReview
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, complete_process, user_with_role, walk_to

TITLE = "Concertation sur le plan vélo"


def referral_in_its_second_version():
    process = complete_process(
        team="Deux chargés de mission", providers="Agence Médiation & Co"
    )  # fmt: skip
    advisor = user_with_role(Role.CIPC_ADVISOR, email="cipc@exemple.gouv.fr", first_name="Camille",
                             last_name="Conseil")  # fmt: skip
    referent, _advisor = walk_to(process, Status.UNDER_REVIEW, advisor=advisor)
    process.refresh_from_db()
    actions.update_process(
        process, actor=referent, expected_revision=process.revision,
        fields={"outreach": "Réseaux des associations d'usagers et des maires."},
    )  # fmt: skip
    actions.submit_referral(process, actor=referent)
    return process, advisor


def test_an_advisor_reviews_a_referral_on_one_screen(page):
    process, advisor = referral_in_its_second_version()
    results = process.referral.version.precheck["results"]
    assert len(results) == 15

    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto(process.referral.get_absolute_url())
    check_page(page, TITLE)

    # The whole frozen declaration, every section, beside the grid.
    declaration = page.locator("#declaration")
    expect(declaration.locator("h3")).to_have_text([
        "Identité", "Cadrage et décision", "Publics", "Méthode et calendrier",
        "Information des participants", "Moyens", "Devoir de suite", "Évaluation",
    ])  # fmt: skip
    for text in (
        "Cyclistes, piétons, automobilistes, collectivités.",
        "Réseaux des associations d'usagers et des maires.",
        "Contribution de la FUB — association d'usagers (point de vue contradictoire)",
        "150 000,00 €",
        "Deux chargés de mission",
        "Agence Médiation & Co",
        "Questionnaire aux participants et bilan public.",
        "Réponse à chaque proposition — La direction générale des mobilités",
    ):
        expect(declaration).to_contain_text(text)
    # The differences between versions 1 and 2.
    expect(page.locator("#differences tbody tr")).to_have_count(1)
    expect(page.locator("#differences tbody tr td").first).to_have_text(
        "Comment les publics seront atteints"
    )

    # All fifteen criteria in one form; the last one left without a score first.
    for result in results[:-1]:
        card = page.locator(f"#critere-{result['code']}")
        card.get_by_text("À améliorer", exact=True).click()
        card.get_by_label(f"Commentaire — {result['title']}").fill(f"À revoir : {result['code']}")
    last = results[-1]
    page.get_by_role("button", name="Enregistrer la grille complète").click()
    check_page(page, TITLE)
    expect(page.locator(f"#id_{last['code']}-score-desc-error")).to_contain_text(
        "Choisissez une appréciation pour ce critère."
    )
    expect(page.get_by_label(f"Commentaire — {results[0]['title']}")).to_have_value(
        f"À revoir : {results[0]['code']}"
    )
    assert CriterionReview.objects.count() == 0
    page.locator(f"#critere-{last['code']}").get_by_text("Satisfait", exact=True).click()
    page.get_by_role("button", name="Enregistrer la grille complète").click()
    check_page(page, TITLE)
    expect(page.get_by_role("status").first).to_have_text(
        "Grille qualité enregistrée : tous les critères sont appréciés."
    )
    expect(page.locator("#grid-progress")).to_have_text("15 critères appréciés sur 15.")
    assert CriterionReview.objects.filter(score="to_improve").count() == 14
    assert CriterionReview.objects.get(criterion=last["code"]).score == "met"

    # A question to the ministry pauses the review clock, and the page says so.
    page.locator("#id_body").fill("Quelles sources contradictoires prévoyez-vous ?")
    page.get_by_role("button", name="Poser la question").click()
    check_page(page, TITLE)
    today = french_date(timezone.localdate(), "j F Y")
    expect(page.locator(".review-clock").first).to_have_text(
        f"Délai d'examen suspendu depuis le {today} : une question attend la réponse du ministère"
    )

    # The opinion.
    page.get_by_text("Favorable", exact=True).click()
    page.get_by_label("Motivation").fill("Dispositif bien cadré.")
    page.get_by_role("button", name="Rendre l'avis").click()
    check_page(page, TITLE)
    expect(page.locator("#opinion")).to_contain_text("Favorable")
    process.refresh_from_db()
    assert process.status == Status.OPINION_ISSUED

"""Issue 27, who says what: an organiser reads which groups choose an answer more or less
often than everyone, with Holm-adjusted p-values, and the full table in an accordion."""

import uuid

from playwright.sync_api import expect

from concerto.questionnaires import actions as questionnaire
from concerto.questionnaires.models import QuestionKind
from concerto.representativeness import actions as profile_actions
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, UserFactory, open_module

PAGE = "Qui a participé ?"


def test_organiser_reads_who_says_what_on_the_representativeness_page(page):
    module, organiser = open_module("questionnaire", title="Vos trajets")
    process = module.process
    question = questionnaire.add_question(
        module, actor=organiser, kind=QuestionKind.SINGLE, text="Utilisez-vous le vélo ?",
        choices=["Oui", "Non"], required=True,
    )  # fmt: skip
    profile_actions.configure_profile(
        process, actor=organiser, questions=["age_band", "gender"], alert_percent=80
    )
    # 80 senders: women say "Oui" 30 times out of 40, men 10 out of 40; each age band
    # (18 to 24, 25 to 34) is half "Oui", half "Non".
    plan = []
    for age in ("18_24", "25_34"):
        plan += [(age, "woman", "Oui")] * 15 + [(age, "woman", "Non")] * 5
        plan += [(age, "man", "Oui")] * 5 + [(age, "man", "Non")] * 15
    for index, (age, gender, answer) in enumerate(plan):
        person = UserFactory(email=f"velo{index}@exemple.fr")
        profile_actions.answer_profile(
            process, user=person, answers={"age_band": age, "gender": gender}
        )
        questionnaire.submit_response(
            module, participant=person, answers={question.pk: answer}, idempotency_key=uuid.uuid4()
        )

    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/dispositifs/{process.slug}/representativite/")
    check_page(page, PAGE)
    section = page.locator("#qui-dit-quoi ~ *")
    expect(page.locator("#qui-dit-quoi")).to_have_text("Qui dit quoi ?")
    expect(section.filter(has_text="corrigées par la méthode de Holm").first).to_contain_text(
        "Seules les cellules d'au moins 10 personnes sont testées. Les p-valeurs sont "
        "corrigées par la méthode de Holm, la famille étant l'ensemble des cellules testées "
        "d'un même tableau ; un écart est signalé quand la p-valeur ajustée est inférieure "
        "à 0,05."
    )
    expect(page.locator("#qui-dit-quoi ~ h3")).to_have_text([
        "Vos trajets : Utilisez-vous le vélo ?, selon « Tranche d'âge »",
        "Vos trajets : Utilisez-vous le vélo ?, selon « Genre »",
    ])  # fmt: skip
    expect(page.get_by_text("Aucun écart significatif.")).to_have_count(1)
    # Every cell of the gender table is [30, 10; 10, 30]: p = 7.7·10⁻⁶, × 4 by Holm.
    expect(page.locator("ul.qui-dit-quoi li")).to_have_text([
        "Les répondants de la catégorie « Femme » (Genre) choisissent « Oui » 1,5 fois plus "
        "souvent que l'ensemble des répondants (p ajusté < 0,001).",
        "Les répondants de la catégorie « Femme » (Genre) choisissent « Non » 2,0 fois moins "
        "souvent que l'ensemble des répondants (p ajusté < 0,001).",
        "Les répondants de la catégorie « Homme » (Genre) choisissent « Oui » 2,0 fois moins "
        "souvent que l'ensemble des répondants (p ajusté < 0,001).",
        "Les répondants de la catégorie « Homme » (Genre) choisissent « Non » 1,5 fois plus "
        "souvent que l'ensemble des répondants (p ajusté < 0,001).",
    ])  # fmt: skip

    # The full table of the gender question, in its accordion.
    page.get_by_role("button", name="Tableau complet").nth(1).click()
    table = page.locator("table", has=page.locator("caption", has_text="Selon « Genre »"))
    expect(table).to_be_visible()
    expect(table.locator("caption")).to_have_text("Selon « Genre » — cellules testées : 4")
    expect(table.locator("tbody tr").first.locator("th, td")).to_have_text(
        ["Femme", "Oui", "75,0", "1,50", "< 0,001", "plus souvent"]
    )
    expect(table.locator("tbody tr").nth(3).locator("th, td")).to_have_text(
        ["Homme", "Non", "75,0", "1,50", "< 0,001", "plus souvent"]
    )
    age = page.locator("table", has=page.locator("caption", has_text="Selon « Tranche d'âge »"))
    expect(age).to_be_hidden()
    page.get_by_role("button", name="Tableau complet").first.click()
    expect(age.locator("tbody tr").first.locator("th, td")).to_have_text(
        ["18 à 24 ans", "Oui", "50,0", "1,00", "1,000", ""]
    )

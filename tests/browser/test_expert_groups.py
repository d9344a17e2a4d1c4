"""Issue 11 in a real browser: the CIPC creates an expert group with access to a
process, the group drafts a recommendation, the CIPC publishes it with a number and a
date, and the government's answer is tracked publicly."""

from django.utils import timezone
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.expertgroups.models import Draft, GovernmentAnswer
from concerto.processes.lifecycle import Status
from tests.browser.conftest import check_page, log_in, log_out
from tests.evaluation.conftest import evaluable_process
from tests.factories import PASSWORD, complete_process, user_with_role, walk_to

TITLE = "Concertation sur le plan vélo"


def test_group_publishes_a_recommendation_and_the_answer_is_tracked(page):
    evaluated = evaluable_process(TITLE)
    other = complete_process(title="Plan piéton")
    walk_to(other, Status.PUBLISHED)
    expert = user_with_role(Role.EXPERT, first_name="Élise", last_name="Bernard")
    advisor = evaluated.advisor
    author = evaluated.citizens[0]

    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto("/groupes-experts/")
    check_page(page, "Groupes d'experts")
    page.get_by_role("link", name="Créer un groupe d'experts").click()
    check_page(page, "Nouveau groupe d'experts")
    page.locator("#id_name").fill("Groupe mobilités")
    page.locator("#id_mandate").fill("Tirer les leçons des concertations sur les mobilités.")
    page.locator("#id_calendar").fill("15 mars : audition des organisateurs")
    page.locator("#id_starts_on").fill(timezone.localdate().isoformat())
    page.get_by_text(f"Élise Bernard ({expert.email})").click()
    page.get_by_text(TITLE, exact=True).click()
    page.get_by_role("button", name="Enregistrer le groupe").click()
    check_page(page, "Groupe mobilités")
    log_out(page)

    # The expert sees anonymised contributions of the one process given to the group.
    log_in(page, expert.email, PASSWORD)
    check_page(page, "Espace expert")
    page.get_by_role("link", name=TITLE).click()
    check_page(page, TITLE)
    expect(page.locator("#contributions")).to_contain_text("Proposition 1")
    expect(page.locator("#contributions")).not_to_contain_text(author.last_name)
    page.locator("#id_body").fill("Forte part de contributions papier.")
    page.get_by_role("button", name="Enregistrer les notes").click()
    check_page(page, TITLE)
    expect(page.locator("#id_body")).to_have_value("Forte part de contributions papier.")
    assert (
        page.request.get(f"/groupes-experts/groupe-mobilites/dispositifs/{other.pk}/").status == 404
    )

    page.get_by_role("link", name="Groupe mobilités").click()
    check_page(page, "Groupe mobilités")
    expect(page.locator("#comparaison tbody tr")).to_have_count(1)
    page.locator("#id_kind").select_option(label="Recommandation")
    page.locator("#id_title").fill("Répondre aux contributions papier")
    page.locator("#id_body").fill("Saisir toutes les contributions papier.")
    page.get_by_role("button", name="Créer le texte").click()
    check_page(page, "Répondre aux contributions papier")
    page.locator("#id_body").fill("Saisir et répondre à toutes les contributions papier.")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    check_page(page, "Répondre aux contributions papier")
    expect(page.locator("#versions li")).to_have_count(2)
    page.locator("#id_comment-body").fill("D'accord avec cette version.")
    page.get_by_role("button", name="Commenter").click()
    check_page(page, "Répondre aux contributions papier")
    expect(page.get_by_text("D'accord avec cette version.")).to_be_visible()
    # Only the CIPC transmits to the government.
    expect(page.get_by_role("button", name="Transmettre au gouvernement")).to_have_count(0)
    log_out(page)

    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    draft = Draft.objects.get()
    page.goto(f"/groupes-experts/groupe-mobilites/textes/{draft.pk}/")
    check_page(page, "Répondre aux contributions papier")
    page.get_by_role("button", name="Transmettre au gouvernement").click()
    year = timezone.localdate().year
    heading = f"Recommandation n° {year}-1 : Répondre aux contributions papier"
    check_page(page, heading)
    expect(page.locator("#reponses-gouvernement")).to_have_count(0)

    # A date in the future is refused, nothing stored, nothing typed lost.
    page.locator("#id_status").select_option(label="Partiellement acceptée")
    page.locator("#id_reason").fill("Les préfectures saisiront les cahiers citoyens.")
    page.locator("#id_answered_on").fill("2099-01-01")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, heading)
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_reason")).to_have_value(
        "Les préfectures saisiront les cahiers citoyens."
    )
    assert GovernmentAnswer.objects.count() == 0
    page.locator("#id_answered_on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, heading)
    log_out(page)

    # Publicly tracked.
    page.goto("/recommandations/")
    check_page(page, "Recommandations au gouvernement")
    row = page.locator("#recommandations tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"{year}-1")
    expect(row).to_contain_text("Partiellement acceptée")
    expect(page.locator("#compteurs")).to_have_text(
        "1 recommandation, 1 avec une réponse du gouvernement, 0 en retard de réponse."
    )
    row.get_by_role("link", name="Répondre aux contributions papier").click()
    check_page(page, heading)
    expect(page.locator("#reponses-gouvernement")).to_contain_text(
        "Les préfectures saisiront les cahiers citoyens."
    )
    answer = GovernmentAnswer.objects.get()
    assert (answer.status, answer.answered_on) == ("partly", timezone.localdate())

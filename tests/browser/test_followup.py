"""Issue 5 in a real browser: the sponsor answers per proposal and per theme, the
participant follows their proposal to its answer and milestones, lateness shows, and
the per-ministry figures add up."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from concerto.followup.models import Answer
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD
from tests.followup.conftest import closed_process


def test_sponsor_answers_and_participant_follows_their_proposal(page):
    closed = closed_process()
    process = closed.process
    log_in(page, closed.sponsor.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{process.pk}/suites/")
    check_page(page, "Devoir de suite")

    # Per proposal, with links to the decision.
    page.get_by_role("link", name="Répondre à « Proposition 1 »").click()
    check_page(page, "Nouvelle réponse")
    page.locator("#id_status").select_option(label="Retenue")
    page.locator("#id_text").fill("Nous créons un réseau express vélo.")
    page.locator("#id_decision_url").fill("https://www.ecologie.gouv.fr/plan-velo.pdf")
    page.locator("#id_legal_reference").fill("JORFTEXT000049000000")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, "Devoir de suite")

    # Per theme, covering the two other proposals ticked in the list.
    page.get_by_label("Sélectionner « Proposition 2 »").check(force=True)
    page.get_by_label("Sélectionner « Proposition 3 »").check(force=True)
    page.locator("#id_target").select_option(label="Nouvelle réponse…")
    page.get_by_role("button", name="Appliquer à la sélection").click()
    check_page(page, "Nouvelle réponse")
    page.locator("#id_level").select_option(label="Thème")
    page.locator("#id_target").fill("Mobilités")
    page.locator("#id_status").select_option(label="Partiellement retenue")
    page.locator("#id_text").fill("Le stationnement vélo est financé, pas les aides.")
    page.locator("#id_budget_line").fill("Programme 203, action 13")
    expect(page.get_by_label("Proposition 2 — Proposition (En ligne)")).to_be_checked()
    expect(page.get_by_label("Proposition 3 — Proposition (En ligne)")).to_be_checked()
    page.get_by_role("button", name="Enregistrer la réponse").click()
    check_page(page, "Devoir de suite")

    page.get_by_role("button", name="Publier 2 réponses et prévenir les participants").click()
    check_page(page, "Devoir de suite")
    expect(page.locator(".fr-alert--success")).to_contain_text("Réponses publiées")

    # A milestone for the retained proposal.
    page.locator("#answers-table").get_by_role("link", name="Proposition 1", exact=True).click()
    check_page(page, "Modifier la réponse")
    page.locator("#id_title").fill("Premiers 100 km livrés")
    page.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.locator("#id_progress").fill("40")
    page.get_by_role("button", name="Ajouter le jalon").click()
    check_page(page, "Modifier la réponse")
    log_out(page)

    # Each covered participant is told once; the e-mail leads to the answer.
    told = sorted(
        m.to[0] for m in mail.outbox if m.subject.startswith("Concerto : Réponse à votre")
    )
    assert told == sorted(citizen.email for citizen in closed.citizens)
    message = next(m for m in mail.outbox if m.to == [closed.citizens[0].email])
    assert "/dispositifs/concertation-sur-le-plan-velo/suites/" in message.body
    answer = Answer.objects.get(level="proposal")
    log_in(page, closed.citizens[0].email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.locator("#notifications").get_by_role(
        "button", name="Réponse à votre contribution : Concertation sur le plan vélo"
    ).click()
    check_page(page, "Devoir de suite : Concertation sur le plan vélo")
    theme_answer = page.locator(f"#reponse-{Answer.objects.get(level='theme').pk}")
    expect(theme_answer).to_contain_text("Programme 203, action 13")
    expect(theme_answer).to_contain_text("2 contributions couvertes")
    page.get_by_role("link", name="Vous avez dit, nous avons fait : Proposition 1").click()

    # The answer's own page: what was asked, said, decided and done.
    check_page(page, "Proposition 1")
    expect(page.locator("#covered-count")).to_have_text(
        "1 contribution reçoit cette réponse (en ligne : 1)."
    )
    section = page.locator(f"#reponse-{answer.pk}")
    expect(section.locator(".fr-badge").first).to_have_text("Retenue")
    expect(section).to_contain_text("Nous créons un réseau express vélo.")
    expect(section.get_by_role("link", name="Document de décision")).to_have_attribute(
        "href", "https://www.ecologie.gouv.fr/plan-velo.pdf"
    )
    expect(section.get_by_role("link", name="JORFTEXT000049000000")).to_be_visible()
    done = page.locator("#realisation")
    expect(done).to_contain_text("Premiers 100 km livrés")
    expect(done.locator(f"#avancement-{answer.pk}")).to_have_text("Avancement : 40 %")

    # The participant judges the answer; the aggregate is public.
    rating = page.locator("#avis")
    rating.get_by_text("Oui", exact=True).click()
    rating.get_by_role("button", name="Donner mon avis").click()
    check_page(page, "Proposition 1")
    expect(page.locator(f"#avis-{answer.pk}")).to_have_text("Oui : 1 · En partie : 0 · Non : 0")

    # From the answer to the proposal itself.
    page.locator("#contributions").get_by_role("link", name="Proposition 1").click()
    check_page(page, "Proposition 1")


def test_late_commitment_and_figures(page):
    today = timezone.localdate()
    late = closed_process(title="Plan piéton", n_citizens=2)
    commitment = late.process.commitments.get()
    commitment.due_date = today - timedelta(days=3)
    commitment.save()
    answered = closed_process(title="Plan vélo", n_citizens=4)
    from concerto.followup import actions
    from tests.followup.conftest import status

    actions.save_answer(
        answered.process,
        actor=answered.sponsor,
        fields={"level": "proposal", "status": status("retained"), "text": "Oui."},
        contributions=answered.proposals[:3],
    )
    actions.publish_answers(answered.process, actor=answered.sponsor)

    page.goto(f"/dispositifs/{late.process.slug}/suites/")
    check_page(page, "Devoir de suite : Plan piéton")
    item = page.locator(f"#engagement-{commitment.pk}")
    expect(item).to_contain_text("En retard")
    expect(item).to_contain_text("Échéance dépassée de 3 jours")

    page.goto(f"/dispositifs/{answered.process.slug}/suites/")
    check_page(page, "Devoir de suite : Plan vélo")
    expect(page.locator(".fr-badge--success").first).to_contain_text("Tenu le")

    page.goto("/suivi/")
    check_page(page, "Suivi du devoir de suite par ministère")
    rows = page.locator("#figures-table tbody tr")
    expect(rows.filter(has_text=late.process.ministry.name).locator("td")).to_have_text(
        ["1", "1", "0", "0", "1", "0,0 % (0/2)"]
    )
    expect(rows.filter(has_text=answered.process.ministry.name).locator("td")).to_have_text(
        ["1", "1", "1", "0", "0", "75,0 % (3/4)"]
    )

"""Issue 24's faults seen in a real browser: the e-mail field of "Supprimer mon compte" is
drawn, a 20,000-character proposal makes a card of ordinary height, a withdrawn proposal
says so, and the agenda lists public meetings; axe-core checks each page."""

import uuid
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.meetings.actions import create_meeting
from concerto.participation.actions import withdraw_contribution
from concerto.proposals.actions import submit_proposal, support_proposal
from concerto.proposals.links import proposal_url
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, UserFactory, open_module


def test_a_citizen_meets_none_of_issue_24s_faults(page):
    module, organiser = open_module("proposals", title="Plan vélo : vos propositions")
    author = UserFactory(email="ines@exemple.fr", first_name="Inès")
    long, _ = submit_proposal(
        module, author=author, title="Un texte très long",
        body=" ".join(["stationnement" * 70] * 20), idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    gone, _ = submit_proposal(
        module, author=author, title="Une proposition retirée", body="Texte retiré.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    support_proposal(gone, user=UserFactory())
    withdraw_contribution(gone, actor=author)
    meetings, meetings_organiser = open_module("meetings", process=module.process, title="Réunions")
    starts_at = (timezone.localtime() + timedelta(days=3)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )
    create_meeting(
        meetings, actor=meetings_organiser, title="Réunion publique à Lyon",
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), address="Hôtel de ville",
    )  # fmt: skip

    # The list's card holds an excerpt: an ordinary height, whatever the text's length.
    page.goto(module.get_absolute_url())
    check_page(page, "Plan vélo : vos propositions")
    card = page.locator(f"#proposition-{long.pk}")
    assert card.bounding_box()["height"] < 600
    expect(page.locator(f"#proposition-{gone.pk}")).to_have_count(0)

    # The withdrawn proposal's address says so and leads back to the module.
    page.goto(proposal_url(gone))
    check_page(page, "Proposition retirée")
    expect(page.locator("#withdrawn")).to_contain_text("retirée par son auteur le")
    page.get_by_role("link", name="Voir les autres propositions").click()
    check_page(page, "Plan vélo : vos propositions")

    # The agenda lists the meeting.
    page.goto("/agenda/")
    check_page(page, "Agenda de la participation")
    expect(page.get_by_role("link", name="Réunion publique à Lyon")).to_be_visible()

    # The e-mail field of "Supprimer mon compte" is drawn like every DSFR field.
    log_in(page, author.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto("/mon-compte/mes-donnees/")
    check_page(page, "Mes données personnelles")
    email = page.get_by_label("Pour confirmer, saisissez l'adresse électronique de votre compte")
    expect(email).to_have_class("fr-input")
    shadow = email.evaluate("element => getComputedStyle(element).boxShadow")
    assert shadow not in ("", "none")  # the DSFR draws the field's bottom border this way
    email.fill("quelquun@exemple.fr")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    check_page(page, "Mes données personnelles")
    expect(page.locator("#id_email-desc-error")).to_contain_text(
        "Cette adresse n'est pas celle de votre compte : rien n'a été supprimé."
    )

"""Issue 21, finding 9, in a real browser: an organiser types in a proposal that arrived
on paper; a citizen finds it in the public list with its channel badge and supports it."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.participation.models import Contribution
from concerto.processes.models import Theme
from concerto.proposals.models import Support
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module

TITLE = "Un abri à vélos devant le marché couvert"


def test_a_paper_proposal_typed_in_is_listed_with_its_badge_and_supported(page):
    # Browser tests flush the database, themes included.
    Theme.objects.get_or_create(slug="transports", defaults={"name": "Transports et mobilités"})
    module, organiser = open_module("proposals", title="Vos propositions pour le plan vélo")
    citizen = UserFactory(email="ines@exemple.fr", first_name="Inès")
    received = timezone.localdate() - timedelta(days=3)

    # The organiser types in a proposal written in the town hall's cahier citoyen.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"/espace/dispositifs/{module.process_id}/modules/")
    check_page(page, "Modules de participation")
    page.get_by_role("link", name="Saisir des contributions hors ligne").click()
    check_page(page, "Contributions hors ligne")
    page.locator("#radio-id_channel").get_by_text("Papier (cahier citoyen, formulaire)").click()
    page.locator("#id_received_on").fill(received.isoformat())
    page.locator("#id_author").fill("Jeanne Martin")
    page.locator("#id_title").fill(TITLE)
    page.get_by_label("Texte de la contribution").fill(
        "Les vélos des clients du marché sont attachés aux grilles, sous la pluie."
    )
    page.locator("#id_theme").select_option(label="Transports et mobilités")
    page.get_by_role("button", name="Enregistrer la contribution").click()
    check_page(page, "Contributions hors ligne")
    expect(page.get_by_role("status").first).to_contain_text("enregistrée et publiée")
    proposal = Contribution.objects.get()
    assert (proposal.kind, proposal.channel, proposal.title, proposal.entered_by) == (
        "proposal", "paper", TITLE, organiser,
    )  # fmt: skip
    log_out(page)

    # A citizen finds it in the public list, marked as a paper contribution.
    log_in(page, citizen.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(module.get_absolute_url())
    check_page(page, "Vos propositions pour le plan vélo")
    expect(page.locator("#results-count")).to_have_text("1 proposition")
    card = page.locator(f"#proposition-{proposal.pk}")
    expect(card.locator(".fr-card__title")).to_have_text(TITLE)
    expect(card.locator(".channel-badge")).to_have_text("Contribution papier")
    expect(card.locator(".fr-card__detail")).to_contain_text("Par Jeanne Martin")

    # And supports it.
    card.get_by_role("link", name=TITLE).click()
    check_page(page, TITLE)
    expect(page.locator("#channel")).to_have_text("Reçue par : Papier (cahier citoyen, formulaire)")
    expect(page.locator("#support-count")).to_have_text("Aucun soutien")
    page.get_by_role("button", name="Soutenir cette proposition").click()
    check_page(page, TITLE)
    expect(page.locator("#support-count")).to_have_text("1 soutien")
    assert list(Support.objects.values_list("proposal_id", "user_id")) == [
        (proposal.pk, citizen.pk)
    ]

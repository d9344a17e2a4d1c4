"""Issue 4's proposals journey in a real browser: a citizen submits a proposal, another
supports it and argues against it, a third finds the argument useful; arguments for and
against sit side by side; the organiser merges two proposals."""

import re

from playwright.sync_api import expect

from concerto.notifications.models import Notification
from concerto.participation.models import Contribution, ContributionKind
from concerto.processes.models import Theme
from concerto.proposals import actions
from concerto.proposals.models import Support, UsefulVote
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, UserFactory, open_module

TITLE = "Des arceaux à vélo devant chaque gare"


def open_proposal(page, module_url: str, title: str) -> None:
    page.goto(module_url)
    check_page(page, "Plan vélo : vos propositions")
    page.get_by_role("link", name=title).click()
    check_page(page, title)


def test_citizens_propose_support_argue_and_the_organiser_merges(page):
    # Transactional tests flush the themes the migration seeded.
    Theme.objects.get_or_create(slug="transports", defaults={"name": "Transports et mobilités"})
    module, organiser = open_module("proposals", title="Plan vélo : vos propositions")
    module_url = module.get_absolute_url()
    alice = UserFactory(email="alice@exemple.fr", first_name="Alice", last_name="Durand")
    bruno = UserFactory(email="bruno@exemple.fr", first_name="Bruno", last_name="Petit")
    chloe = UserFactory(email="chloe@exemple.fr", first_name="Chloé", last_name="Roux")
    duplicate, _ = actions.submit_proposal(
        module, author=chloe, title="Stationnement vélo dans les gares",
        body="Des places sûres pour les vélos près des quais.", idempotency_key=None,
    )  # fmt: skip

    # Alice submits a proposal.
    log_in(page, alice.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(module_url)
    check_page(page, "Plan vélo : vos propositions")
    page.get_by_label("Titre de la proposition").fill(TITLE)
    page.locator("#id_body").fill("Pour garer son vélo à l'abri et en sécurité avant le train.")
    page.locator("#id_theme").select_option(label="Transports et mobilités")
    page.locator("#id_location").fill("Gares de la région")
    page.get_by_role("button", name="Publier ma proposition").click()
    check_page(page, TITLE)
    expect(page.get_by_role("status").first).to_have_text("Votre proposition est publiée. Merci !")
    # Public pages show the first name and the last name's initial, never the full name.
    expect(page.locator("#proposal-meta")).to_have_text(re.compile(r"^Proposée par Alice D\., le "))
    expect(page.locator("main")).not_to_contain_text("Alice Durand")
    proposal = Contribution.objects.get(title=TITLE)
    log_out(page)

    # Bruno supports it (a second click does not add a support) and argues against it.
    log_in(page, bruno.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    open_proposal(page, module_url, TITLE)
    expect(page.locator("#support-count")).to_have_text("Aucun soutien")
    page.get_by_role("button", name="Soutenir cette proposition").click()
    check_page(page, TITLE)
    expect(page.locator("#support-count")).to_have_text("1 soutien")
    expect(page.get_by_role("button", name="Soutenir cette proposition")).to_have_count(0)
    expect(page.get_by_role("button", name="Retirer mon soutien")).to_be_visible()
    assert Support.objects.filter(proposal=proposal).count() == 1
    page.get_by_text("Contre la proposition").click()
    page.locator("#id_argument-body").fill("Les gares manquent déjà de place sur le parvis.")
    page.get_by_role("button", name="Publier mon argument").click()
    check_page(page, TITLE)
    against = Contribution.objects.get(kind=ContributionKind.ARGUMENT, author=bruno)
    assert (against.stance, against.parent_id) == ("against", proposal.pk)
    expect(page.locator("#arguments-contre .argument-body")).to_have_text(
        "Les gares manquent déjà de place sur le parvis."
    )
    # Bruno also supported the duplicate proposal before it was merged.
    actions.support_proposal(duplicate, user=bruno)
    log_out(page)

    # Chloé finds Bruno's argument useful and adds one in favour.
    log_in(page, chloe.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    open_proposal(page, module_url, TITLE)
    argument = page.locator(f"#argument-{against.pk}")
    expect(argument.locator(".useful-count")).to_have_text("Pas encore jugé utile")
    argument.get_by_role("button", name="Je le trouve utile").click()
    check_page(page, TITLE)
    expect(argument.locator(".useful-count")).to_have_text("Jugé utile par 1 personne")
    expect(argument.get_by_role("button", name="Retirer mon vote « utile »")).to_be_visible()
    assert UsefulVote.objects.filter(argument=against, user=chloe).count() == 1
    page.get_by_text("Pour la proposition").click()
    page.locator("#id_argument-body").fill("Moins de voitures devant les gares.")
    page.get_by_role("button", name="Publier mon argument").click()
    check_page(page, TITLE)

    # For and against sit side by side: same top, "pour" on the left.
    expect(page.locator("#arguments-pour h3")).to_have_text("Pour (1)")
    expect(page.locator("#arguments-contre h3")).to_have_text("Contre (1)")
    pour = page.locator("#arguments-pour").bounding_box()
    contre = page.locator("#arguments-contre").bounding_box()
    assert pour["y"] == contre["y"]
    assert pour["x"] + pour["width"] <= contre["x"]
    log_out(page)

    # The organiser merges Chloé's duplicate into Alice's proposal.
    log_in(page, organiser.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto(f"{module_url}{duplicate.pk}/")
    check_page(page, "Stationnement vélo dans les gares")
    page.get_by_role("link", name="Fusionner cette proposition avec une autre").click()
    check_page(page, "Fusionner des propositions")
    expect(page.locator("#id_source")).to_have_value(str(duplicate.pk))
    page.locator("#id_target").select_option(label=f"{TITLE} (n° {proposal.pk})")
    page.locator("#id_note").fill("Les deux propositions demandent du stationnement en gare.")
    page.get_by_role("button", name="Fusionner").click()
    check_page(page, "Fusionner des propositions")
    expect(page.get_by_role("status").first).to_have_text(
        f"« Stationnement vélo dans les gares » est fusionnée avec « {TITLE} ». "
        "Leurs auteurs sont prévenus."
    )
    expect(page.locator("#merge-history tbody tr")).to_have_count(1)
    log_out(page)

    # A reader of the merged proposal lands on Alice's, where Bruno counts once.
    page.goto(f"{module_url}{duplicate.pk}/")
    check_page(page, TITLE)
    expect(page.get_by_role("status").first).to_contain_text(
        "La proposition « Stationnement vélo dans les gares » a été fusionnée avec"
    )
    expect(page.locator("#merged")).to_contain_text("fusionnée avec cette proposition")
    expect(page.locator("#support-count")).to_have_text("1 soutien")
    page.goto(module_url)
    check_page(page, "Plan vélo : vos propositions")
    expect(page.locator("#proposals h3")).to_have_text([TITLE])
    told = Notification.objects.filter(subject="Une proposition a été fusionnée")
    assert sorted(told.values_list("recipient", flat=True)) == sorted([alice.pk, chloe.pk])

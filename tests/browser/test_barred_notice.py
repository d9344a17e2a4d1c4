"""A CIPC advisor blocks an author's contributions from the moderation pages, with a
reason and a duration; on the proposals module and the opinion map of a process still
open, the author then reads why, until when, and that reading stays open to them, where
the forms were; and the opinion map no longer says that its vote is closed."""

import uuid
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.frenchdates import french_date
from concerto.opinionmaps import actions as opinionmaps
from concerto.participation.actions import report_contribution, submit_contribution
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, CipcFactory, UserFactory, open_module, user_with_role

REASON = "Publicités répétées (règle « Publicité »)."


def test_a_blocked_author_reads_why_where_the_forms_were(page):
    proposals, _organiser = open_module("proposals", title="Vos propositions")
    opinion_map, organiser = open_module(
        "opinion_map", process=proposals.process, title="La carte des opinions"
    )
    opinionmaps.add_seed_statement(opinion_map, actor=organiser, text="Plus de pistes cyclables.")
    author = UserFactory(email="troll@exemple.fr", first_name="Théo", last_name="Troll")
    contribution, _ = submit_contribution(
        proposals, author=author, kind="proposal", title="Achetez ici", body="Promotions !",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    report_contribution(contribution, reporter=UserFactory(), reason="spam")
    advisor = user_with_role(Role.CIPC_ADVISOR, CipcFactory(), email="cipc@exemple.gouv.fr")

    # The advisor blocks the author of the reported proposal for 30 days.
    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.get_by_role("link", name="Modération sur toute la plateforme").click()
    check_page(page, "Modération sur toute la plateforme")
    page.locator(f"#contribution-{contribution.pk}").get_by_role(
        "link", name="Bloquer l'auteur sur toute la plateforme"
    ).click()
    check_page(page, "Théo Troll")
    page.locator("#id_block-days").select_option(label="30 jours")
    page.locator("#id_block-reason").fill(REASON)
    page.get_by_role("button", name="Bloquer ses contributions").click()
    check_page(page, "Théo Troll")
    until = french_date(timezone.localdate() + timedelta(days=30), "j F Y")
    expect(page.locator("#block-in-force")).to_have_text(
        f"Contributions bloquées sur toute la plateforme jusqu'au {until} inclus. Motif : {REASON}"
    )
    log_out(page)

    # The author opens the proposals module: the notice stands where the form was.
    log_in(page, author.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    page.goto(proposals.get_absolute_url())
    check_page(page, "Vos propositions")
    notice = page.locator("#barred-notice")
    expect(notice.locator(".fr-alert__title")).to_have_text(
        "Votre compte ne peut plus contribuer sur la plateforme"
    )
    expect(notice.locator("p")).to_have_text(
        [
            "La modération a bloqué vos contributions sur toute la plateforme jusqu'au "
            f"{until} inclus. Motif : {REASON}",
            "Vous pouvez toujours lire ce dispositif et ses contributions. "
            "La modération dans la charte de participation",
        ]
    )
    expect(page.locator("#deposer + *")).to_have_id("barred-notice")
    expect(page.get_by_role("button", name="Publier ma proposition")).to_have_count(0)
    expect(page.get_by_role("link", name="Se connecter")).to_have_count(0)

    # On the opinion map, still open: the same notice, no vote, no statement to propose,
    # and nothing says that the vote is closed.
    page.goto(opinion_map.get_absolute_url())
    check_page(page, "La carte des opinions")
    expect(page.locator("#vote + *")).to_have_id("barred-notice")
    expect(page.locator("#barred-notice p").first).to_have_text(
        "La modération a bloqué vos contributions sur toute la plateforme jusqu'au "
        f"{until} inclus. Motif : {REASON}"
    )
    expect(page.locator("#proposer + p")).to_have_text(
        "Votre participation étant suspendue, vous ne pouvez pas proposer d'énoncé."
    )
    for button in ("D'accord", "Pas d'accord", "Passer", "Proposer cet énoncé"):
        expect(page.get_by_role("button", name=button, exact=True)).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("fermé")

"""Issue 22: a CIPC advisor moderates across the State from one queue, blocks an author
on the whole platform with a reason and a duration, and anyone reads the process's
public moderation log, which never shows the hidden text."""

import re
import uuid

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.participation.actions import report_contribution, submit_contribution
from concerto.participation.models import Ban, Contribution
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, CipcFactory, UserFactory, open_module, user_with_role


def test_an_advisor_moderates_the_state_and_the_public_reads_the_log(page):
    module, _organiser = open_module("proposals", title="Vos propositions")
    process = module.process
    author = UserFactory(email="troll@exemple.fr", first_name="Théo", last_name="Troll")
    contribution, _ = submit_contribution(
        module, author=author, kind="proposal", title="Achetez ici", body="Promotions !",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    report_contribution(contribution, reporter=UserFactory(), reason="spam")
    advisor = user_with_role(Role.CIPC_ADVISOR, CipcFactory(), email="cipc@exemple.gouv.fr")

    log_in(page, advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.get_by_role("link", name="Modération sur toute la plateforme").click()
    check_page(page, "Modération sur toute la plateforme")
    card = page.locator(f"#contribution-{contribution.pk}")
    expect(card).to_contain_text(process.title)
    card.get_by_label("Motif de masquage").select_option(label="Publicité ou message répété")
    card.get_by_role("button", name="Masquer").click()
    check_page(page, "Modération sur toute la plateforme")
    expect(page.locator(".fr-alert--success")).to_contain_text("Contribution masquée")
    assert Contribution.objects.get(pk=contribution.pk).status == "hidden"

    # The author is blocked for 30 days; a missing reason is said next to its field.
    page.get_by_role("link", name="Masquées").click()
    check_page(page, "Modération sur toute la plateforme")
    page.locator(f"#contribution-{contribution.pk}").get_by_role(
        "link", name="Bloquer l'auteur sur toute la plateforme"
    ).click()
    check_page(page, "Théo Troll")
    page.locator("#id_block-days").select_option(label="30 jours")
    page.get_by_role("button", name="Bloquer ses contributions").click()
    check_page(page, "Théo Troll")
    expect(page.locator("#id_block-reason-desc-error")).to_have_text(
        "Indiquez le motif : la personne le lira."
    )
    expect(page.locator("#id_block-days")).to_have_value("30")
    assert not Ban.objects.exists()
    page.locator("#id_block-reason").fill("Publicités répétées (règle « Publicité »).")
    page.get_by_role("button", name="Bloquer ses contributions").click()
    check_page(page, "Théo Troll")
    expect(page.locator("#block-in-force")).to_contain_text(
        "Motif : Publicités répétées (règle « Publicité »)."
    )
    assert Ban.objects.get().process is None
    log_out(page)

    # A visitor reads the process's moderation log: the decision, not the text.
    page.goto(process.get_absolute_url())
    check_page(page, process.title)
    page.get_by_role("link", name="Journal de modération").click()
    check_page(page, "Journal de modération")
    expect(page.locator("#moderation-log tbody tr").first.locator("td")).to_have_text(
        [
            re.compile(r"^\d{1,2}(er)? [^ ]+ \d{4} à \d{1,2} h \d{2}$"),
            "Masquage",
            "Vos propositions",
            "Proposition",
            "Publicité ou message répété",
        ]
    )
    expect(page.locator("main")).not_to_contain_text("Achetez ici")
    expect(page.locator("main")).not_to_contain_text("Troll")

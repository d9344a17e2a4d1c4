"""Issue 9 in a real browser: a sponsor asks for coaching, the CIPC accepts and assigns
an advisor, the requester and the referent follow it."""

from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.support.models import SupportRequest
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, complete_process, user_with_role

TITLE = "Aide au cadrage du plan vélo"


def test_sponsor_requests_coaching_cipc_accepts_and_assigns_requester_sees_it(page):
    process = complete_process()
    sponsor = process.sponsor
    referent = user_with_role(Role.REFERENT, organisation=process.ministry)
    cipc = user_with_role(Role.CIPC_ADVISOR, first_name="Bruno", last_name="Lefèvre")
    advisor = user_with_role(
        Role.CIPC_ADVISOR, organisation=cipc.memberships.get().organisation,
        first_name="Camille", last_name="Perrin",
    )  # fmt: skip

    page.goto("/accompagnement/")
    check_page(page, "L'offre d'accompagnement du CIPC")
    expect(page.get_by_role("link", name="Accompagnement", exact=True).first).to_have_attribute(
        "href", "/accompagnement/"
    )
    expect(page.locator("#formule-coaching h3")).to_have_text("Coaching léger")
    log_in(page, sponsor.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.get_by_role("link", name="Demander un accompagnement").click()
    check_page(page, "Demander un accompagnement")

    # A missing field: a clear message next to it, and nothing typed is lost.
    page.locator("#id_process").select_option(label=process.title)
    page.get_by_label("Objet de la demande").fill(TITLE)
    page.get_by_label("Contexte").fill("Le plan vélo 2027-2030 doit associer les usagers.")
    page.get_by_role("button", name="Envoyer la demande").click()
    check_page(page, "Demander un accompagnement")
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_label("Contexte")).to_have_value(
        "Le plan vélo 2027-2030 doit associer les usagers."
    )
    page.get_by_label("Besoins").fill("Relire notre cadrage et choisir la méthode.")
    page.get_by_label("Calendrier").fill("Décision en juin 2027.")
    page.get_by_text("Coaching léger").click()
    page.get_by_role("button", name="Envoyer la demande").click()
    check_page(page, TITLE)
    expect(page.locator("#request-status")).to_have_text("Reçue, en cours d'examen")
    support_request = SupportRequest.objects.get()
    assert (support_request.process, support_request.formula_requested) == (process, "coaching")
    log_out(page)

    # The CIPC triages from its dashboard.
    log_in(page, cipc.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    expect(page.locator("#open-requests-by-ministry tbody tr")).to_have_text(
        f"{process.ministry.name}011"
    )
    page.locator("#requests-to-triage").get_by_role("link", name=TITLE).click()
    check_page(page, TITLE)
    page.get_by_role("button", name="Accepter la demande").click()
    check_page(page, TITLE)
    expect(page.locator("#request-status")).to_have_text("Acceptée")
    page.locator("#id_conseiller-advisor").select_option(label=str(advisor))
    page.get_by_role("button", name="Désigner le conseiller").click()
    check_page(page, TITLE)
    expect(page.locator("#advisor")).to_have_text("Camille Perrin")
    log_out(page)

    # The requester sees the state and the advisor.
    log_in(page, sponsor.email, PASSWORD)
    check_page(page, "Espace agent public")
    row = page.locator(f"#my-support-requests #demande-{support_request.pk}")
    expect(row).to_contain_text("Acceptée")
    expect(row).to_contain_text("Camille Perrin")
    page.locator("#notifications").get_by_role(
        "button", name=f"Conseiller désigné : {TITLE}"
    ).click()
    check_page(page, TITLE)
    expect(page.locator("#formula")).to_have_text("Coaching léger")
    expect(page.locator("#advisor")).to_have_text("Camille Perrin")
    expect(page.get_by_role("button", name="Accepter la demande")).to_have_count(0)
    log_out(page)

    # So does the ministry's referent.
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    expect(
        page.locator(f"#ministry-support-requests #demande-{support_request.pk}")
    ).to_contain_text("Acceptée")

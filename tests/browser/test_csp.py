"""The pages with charts render under the strict Content-Security-Policy: no style
attribute nor inline style is refused, and the bars still get their colour. The Django
admin and Wagtail's editor work under theirs."""

import re
import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from concerto.accounts.roles import Role
from concerto.opinionmaps import actions as opinion_actions
from concerto.panels import actions as panel_actions
from concerto.questionnaires import actions as questionnaire_actions
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, UserFactory, open_module, user_with_role
from tests.opinionmaps.conftest import STATEMENTS, two_camps
from tests.panels.helpers import drawn_panel
from tests.questionnaires.helpers import bike_questionnaire
from tests.resources.helpers import sheet

# Every refusal the page reports, recorded from before its first script runs.
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
BLUE_FRANCE = "rgb(0, 0, 145)"


def listen_for_violations(page: Page) -> list[str]:
    page.add_init_script(LISTEN)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return console


def violations(page: Page) -> list[str]:
    return page.evaluate("window.cspViolations")


def test_the_three_chart_pages_report_no_policy_violation(page):
    console = listen_for_violations(page)

    panel, referent, _draw = drawn_panel()
    panel_actions.publish_panel(panel, actor=referent)
    page.goto(panel.get_absolute_url())
    check_page(page, "Panel citoyen vélo")
    assert page.locator("#histogram tbody tr").count() > 0
    assert violations(page) == []

    module, organiser, questions = bike_questionnaire()
    questionnaire_actions.set_results_public(module, actor=organiser, public=True)
    for rides in ("Oui", "Oui", "Non"):
        answers = {questions["rides"].pk: rides, questions["ideas"].pk: "Une idée."}
        if rides == "Oui":
            answers[questions["trips"].pk] = ["Travail"]
        questionnaire_actions.submit_response(
            module, participant=UserFactory(), answers=answers, idempotency_key=uuid.uuid4()
        )
    page.goto(module.get_absolute_url())
    check_page(page, "Questionnaire sur le plan vélo")
    # "Oui": 2 of 3 respondents, drawn as a bar two thirds of the track wide.
    bar = page.locator("rect.concerto-bar").first
    expect(bar).to_have_attribute("width", "66.7")
    assert bar.evaluate("rect => getComputedStyle(rect).fill") == BLUE_FRANCE
    assert violations(page) == []

    map_module, map_organiser = open_module("opinion_map", title="Mobilités")
    seeds = [
        opinion_actions.add_seed_statement(map_module, actor=map_organiser, text=text)
        for text in STATEMENTS
    ]
    two_camps(map_module, seeds)
    opinion_actions.recompute_map(map_module)
    page.goto(
        reverse(
            "opinionmaps:map",
            kwargs={"slug": map_module.process.slug, "module_id": map_module.pk},
        )
    )
    check_page(page, "Carte des opinions")
    chart = page.locator("#opinion-chart")
    assert chart.evaluate("svg => getComputedStyle(svg).maxWidth") == "100%"
    assert violations(page) == []

    assert console == []
    # The listener does catch a refused style attribute.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_function("window.cspViolations.length > 0")
    assert violations(page)[0].startswith("style-src")


@pytest.mark.opens_django_admin
def test_the_django_admin_and_the_wagtail_editor_work_under_their_policies(page):
    """Django's admin under the site's policy, Wagtail's editor (inline scripts and
    styles, a framed preview) under its own; neither reaches another site."""
    console = listen_for_violations(page)
    admin = user_with_role(Role.ADMINISTRATOR, email="admin@exemple.fr")
    user_with_role(Role.CIPC_ADVISOR, email="conseil@exemple.fr")
    the_sheet = sheet()

    def visit(url: str, title: str) -> None:
        page.goto(url)
        expect(page).to_have_title(re.compile(title))
        page.wait_for_load_state("networkidle")
        # The admins are not pages of the platform: axe-core's check is not theirs.
        page.checked.unchecked.clear()
        assert violations(page) == []

    log_in(page, admin.email, PASSWORD)
    visit("/admin/", "Administration de la plateforme")
    visit(f"/admin/accounts/user/{admin.pk}/change/", "Modification de utilisateur")
    with page.expect_navigation():
        page.get_by_role("button", name="Déconnexion").click()
    page.checked.unchecked.clear()

    log_in(page, "conseil@exemple.fr", PASSWORD)
    visit("/cms/", "Tableau de bord")
    visit(f"/cms/pages/{the_sheet.pk}/edit/", "Définir la décision en jeu")
    page.locator("[data-side-panel-toggle=preview]").first.click()
    preview = page.frame_locator("iframe[title]").first
    expect(preview.locator("h1")).to_have_text("Définir la décision en jeu")
    assert violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("a été mise à jour")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.checked.unchecked.clear()
    assert violations(page) == []
    assert console == []

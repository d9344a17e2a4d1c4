"""Issue 25's follow journey in a real browser: a citizen follows a process and a theme,
chooses weekly digests; an answer is published and a proposal merged; the weekly digest
brings exactly one e-mail with those items; its link unsubscribes in one click."""

import re

from django.core import mail
from playwright.sync_api import expect

from concerto.follows.models import Preferences
from concerto.follows.tasks import send_weekly_digest
from concerto.processes.models import Theme
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD, UserFactory
from tests.follows.conftest import merge, publish_answer
from tests.followup.conftest import closed_process


def test_a_citizen_follows_gets_one_weekly_digest_and_unsubscribes_in_one_click(
    page, live_server, settings
):
    settings.SITE_URL = live_server.url  # the links of the e-mail lead to this server
    closed = closed_process(n_citizens=2)
    process = closed.process
    theme, _ = Theme.objects.get_or_create(slug="transports", defaults={"name": "Transports"})
    process.themes.add(theme)
    camille = UserFactory(email="camille@exemple.fr", first_name="Camille", last_name="Roux")

    log_in(page, camille.email, PASSWORD)
    check_page(page, "Mon espace citoyen")
    # The process, from its page.
    page.goto(process.get_absolute_url())
    check_page(page, process.title)
    button = page.locator("form.follow-button button")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    check_page(page, process.title)
    expect(page.get_by_role("status").first).to_have_text(f"Vous suivez « {process.title} ».")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("Suivi ✓ — ne plus suivre")
    # The theme, from the catalogue filtered by it.
    page.goto(f"/dispositifs/?theme={theme.slug}")
    check_page(page, "Dispositifs participatifs")
    page.locator("form.follow-button button").click()
    check_page(page, "Dispositifs participatifs")
    expect(page.locator("form.follow-button button")).to_have_attribute("aria-pressed", "true")
    # Weekly, for every kind of news.
    page.goto("/mon-compte/notifications/")
    check_page(page, "Préférences de notification")
    for fieldset in page.locator("#preferences-form fieldset.fr-fieldset").all():
        fieldset.get_by_text("Résumé hebdomadaire", exact=True).click()
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    check_page(page, "Préférences de notification")
    chosen = Preferences.objects.get(user=camille)
    assert chosen.frequencies() == dict.fromkeys(
        ["answer", "proposal", "module", "process", "late"], "weekly"
    )
    page.goto("/mon-compte/abonnements/")
    check_page(page, "Mes abonnements")
    expect(page.locator("#follows li")).to_have_count(2)

    # The organisers merge two proposals and answer the one kept.
    first, second = closed.proposals
    merge(closed, second, first)
    answer = publish_answer(closed, first)
    mail.outbox.clear()

    send_weekly_digest.call()

    [message] = [message for message in mail.outbox if message.to == [camille.email]]
    site, slug = live_server.url, process.slug
    assert [line for line in message.body.splitlines() if line.startswith("- ")] == [
        f"- Réponse publiée : « Proposition 1 » {site}/dispositifs/{slug}/suites/reponses/"
        f"{answer.pk}/",
        "- La proposition « Proposition 2 » a été fusionnée avec « Proposition 1 ». "
        f"{site}/dispositifs/{slug}/propositions/{closed.module.pk}/{first.pk}/",
        f"- La participation est close. {site}/dispositifs/{slug}/",
        f"- La participation est ouverte. {site}/dispositifs/{slug}/",
        f"- Le dispositif est publié. {site}/dispositifs/{slug}/",
    ]

    # One click from the e-mail's link.
    link = re.search(r"Se désabonner en un clic : (\S+)", message.body).group(1)
    page.goto(link)
    check_page(page, "Se désabonner")
    page.get_by_role("button", name="Me désabonner").click()
    check_page(page, "Se désabonner")
    expect(page.locator(".fr-alert--success")).to_contain_text("Vous êtes désabonné")
    chosen.refresh_from_db()
    assert (chosen.auto_follow, chosen.frequencies()) == (
        True,
        dict.fromkeys(["answer", "proposal", "module", "process", "late"], "never"),
    )
    assert sorted(camille.follows.values_list("target_kind", flat=True)) == ["process", "theme"]

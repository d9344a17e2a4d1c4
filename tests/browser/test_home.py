"""Issue 24 in a real browser: the home page invites a citizen to take part. It lists
the processes open now, closing soonest first, with the State's figures, at 1280 px and
at 375 px without sideways scrolling, and leads to a process by mouse or keyboard."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.frenchdates import french_date
from concerto.processes.lifecycle import Status
from tests.browser.conftest import HOME, check_page
from tests.factories import complete_process, walk_to


def opened(title: str, closes_in: int):
    process = complete_process(title=title)
    walk_to(process, Status.OPEN)
    process.refresh_from_db()
    process.participation_end = timezone.localdate() + timedelta(days=closes_in)
    process.save()
    return process


def test_a_citizen_finds_the_process_closing_soonest_and_takes_part(page):
    opened("Plan eau potable", 30)
    soon = opened("Plan vélo du quartier", 2)
    walk_to(complete_process(title="Budget des lycées"), Status.PUBLISHED)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    check_page(page, HOME)
    cards = page.locator("#participer .fr-card__title")
    expect(cards).to_have_text(["Plan vélo du quartier", "Plan eau potable"])
    expect(page.locator(f"#ouvert-{soon.pk} .fr-icon-calendar-line")).to_have_text(
        f"Jusqu'au {french_date(soon.participation_end, 'j F Y')}"
    )
    expect(page.locator("#chiffre-publies")).to_have_text("3")
    expect(page.locator("#chiffre-ouverts")).to_have_text("2")

    # On a phone: everything fits the width, the open processes come first.
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(cards.first).to_be_visible()

    # By keyboard: the link to every open process.
    link = page.get_by_role("link", name="Voir les 2 dispositifs ouverts")
    link.focus()
    page.keyboard.press("Enter")
    check_page(page, "Dispositifs participatifs")
    titles = page.locator(".fr-card__title").all_inner_texts()
    assert sorted(titles) == ["Plan eau potable", "Plan vélo du quartier"]

    # By mouse: the card of the process closing soonest.
    page.goto("/")
    check_page(page, HOME)
    page.get_by_role("link", name="Plan vélo du quartier").click()
    check_page(page, "Plan vélo du quartier")
    assert page.url.endswith(soon.get_absolute_url())

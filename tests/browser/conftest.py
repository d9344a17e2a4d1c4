"""Browser tests: the system Chromium driven by Playwright, axe-core on every page.

Fixtures and helpers:

- `page`: a fresh browser context on the live server; fails the test if a loaded
  document never went through `check_page`. `page.base_url` is the live server's address.
- `check_page(page, heading)`: asserts the page's h1, then runs axe-core on it, once per
  page structure and session (tests/browser/structure.py): a document whose structure
  already passed is not run through axe again. Every document still goes through it.
  The CI's two suites share the structures they passed (`CONCERTO_PASSED_STRUCTURES`).
  A new structure scrolls only down at the journey's width (1280 px by default), and is
  checked at a phone's width (375 px) too: no sideways scrolling, and axe-core again,
  before the window gets its width back.
- `log_in(page, email, password)`: signs in by session cookie, for journeys that are not
  about signing in. It asserts what the form would have refused (wrong password,
  inactive account, unconfirmed address), opens a session as a complete sign-in does
  (second factor included for the roles that need one) and lands on the same page as the
  form, unchecked: the test goes on with `check_page` exactly as after the form.
- `log_in_through_form(page, email, password)`: the sign-in form, with the second factor
  (enrolment or code) where the role needs it; for the journeys about signing in.
- `log_out(page)`: the sign-out button, then the home page.
"""

import os
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from playwright.sync_api import Page, expect, sync_playwright

from tests.browser import accessibility_report
from tests.browser.structure import PassedStructures, fingerprint

# Chromium's headless shell (Debian's chromium-headless-shell, the same Blink as the
# browser, without its windowing layer) is what Playwright itself runs headless: about
# 11 % less CPU than the full browser over the same journeys. The full browser otherwise.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    HEADLESS_SHELL if os.access(HEADLESS_SHELL, os.X_OK) else "/usr/bin/chromium"
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe-core's verdict only: by default it also returns every rule that passed with every
# element it looked at, which Playwright then validates and decodes field by field (a
# third of a journey's time went there, issue 20).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
AXE_RUN = """options => axe.run(document, options)
  .then(results => ({violations: results.violations, testEngine: results.testEngine}))"""
# A small phone (RGAA tests at 320 CSS px of reflow; 375 is the common phone width).
NARROW = {"width": 375, "height": 800}
# The elements sticking out of the page, outside any box that scrolls on its own.
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const sticksOut = (element) => element.getBoundingClientRect().right > limit + 1;
  const scrollsAlone = (element) => {
    for (let p = element.parentElement; p && p !== document.body; p = p.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!sticksOut(element) || element.getBoundingClientRect().width === 0) continue;
    // The outermost element that sticks out outside any box scrolling on its own, or
    // one positioned out of such a box (its containing block is outside it).
    const positioned = ["absolute", "fixed"].includes(getComputedStyle(element).position);
    const outermost = element.parentElement === document.body
      || !sticksOut(element.parentElement);
    if (!positioned && !(outermost && !scrollsAlone(element))) continue;
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (typeof element.className === "string" && element.className.trim()
         ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    found.push(name + " (" + Math.round(element.getBoundingClientRect().right) + " px)");
  }
  // Text wider than its own box (a long word): the box stays in, its content does not.
  const texts = "p, li, dd, dt, td, th, a, span, code, h1, h2, h3, h4, div";
  for (const element of document.body.querySelectorAll(texts)) {
    if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0
        && getComputedStyle(element).overflowX === "visible" && !scrollsAlone(element)
        && element.getBoundingClientRect().left + element.scrollWidth > limit + 1) {
      const text = element.textContent.trim().slice(0, 60);
      found.push(element.tagName.toLowerCase() + " text: " + text);
    }
  }
  return found.slice(0, 8);
}"""

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make to set up and check state are synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        accessibility_report.write(browser.version, AXE_TAGS)
        browser.close()


class CheckedPage:
    """Tracks which loaded documents went through the accessibility check."""

    def __init__(self, page: Page):
        self.page = page
        self.unchecked: list[str] = []
        page.on("load", lambda: self.unchecked.append(page.url))


def _django_admin_pages(page: Page) -> list[str]:
    """The Django admin's pages the journey asks for, redirected or not (issue 22: no
    daily task needs it)."""
    opened: list[str] = []

    def requested(request) -> None:
        if request.is_navigation_request() and urlsplit(request.url).path.startswith("/admin/"):
            opened.append(request.url)

    page.on("request", requested)
    return opened


@pytest.fixture
def page(browser, live_server, transactional_db, settings, request):
    # A server error in a journey shows its traceback in the test output.
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    # E-mailed links are written with SITE_URL: the journey's server is the public address.
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    raw = context.new_page()
    raw.base_url = live_server.url
    checked = CheckedPage(raw)
    raw.checked = checked
    admin_pages = _django_admin_pages(raw)
    yield raw
    context.close()
    assert not checked.unchecked, f"Pages never checked for accessibility: {checked.unchecked}"
    if request.node.get_closest_marker("opens_django_admin") is None:
        assert not admin_pages, f"A platform journey opened Django's admin: {admin_pages}"


# Fingerprints (tests/browser/structure.py) of the page structures axe-core passed in this
# session, or in a suite running beside it: a document of the same structure gives axe the
# same verdict.
ACCESSIBLE_STRUCTURES = PassedStructures(os.environ.get("CONCERTO_PASSED_STRUCTURES", ""))


def check_page(page: Page, heading: str) -> None:
    """Assert the page's main heading, then that axe-core finds no violation on it (once
    per page structure: see tests/browser/structure.py)."""
    expect(page.locator("h1")).to_have_text(heading)
    page.wait_for_load_state("load")
    skipped = page.checked.unchecked[:-1]
    assert not skipped, f"Pages loaded but never checked for accessibility: {skipped}"
    structure = fingerprint(page)
    results = None
    if structure not in ACCESSIBLE_STRUCTURES:
        results = _run_axe(page)
        assert results.violations_count == 0, results.generate_report()
        _assert_no_sideways_scroll(page)  # at the journey's own width (1280 px by default)
        _check_narrow(page)
        ACCESSIBLE_STRUCTURES.add(structure)
    accessibility_report.record(page, heading, results)
    page.checked.unchecked.clear()


def _run_axe(page: Page) -> AxeResults:
    if not page.evaluate("() => typeof axe !== 'undefined'"):  # once per document
        page.evaluate(AXE_SCRIPT)
    return AxeResults(page.evaluate(AXE_RUN, AXE_OPTIONS))


def _assert_no_sideways_scroll(page: Page) -> None:
    sideways = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    width = page.viewport_size["width"] if page.viewport_size else "?"
    assert sideways <= 0, (
        f"{page.url} scrolls sideways by {sideways} px at {width} px: {page.evaluate(OVERFLOWING)}"
    )


def _check_narrow(page: Page) -> None:
    """At 375 px the page scrolls only down, and axe-core finds nothing either (content
    hidden or reordered by the DSFR's small-screen layout is checked too)."""
    wide = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        _assert_no_sideways_scroll(page)
        results = _run_axe(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        if wide and wide != NARROW:
            page.set_viewport_size(wide)
    accessibility_report.WIDTHS.add(NARROW["width"])


def log_in(page: Page, email: str, password: str) -> None:
    """Sign in by session cookie and land where the sign-in form leads (see the docstring
    of this module); the form itself is driven by `log_in_through_form`."""
    import time

    from django.conf import settings
    from django.shortcuts import resolve_url
    from django.test import Client

    from concerto.accounts.models import User
    from concerto.identity.signin import SIGNED_IN_AT_KEY

    user = User.objects.get(email__iexact=email)
    assert user.check_password(password), f"Wrong password for {email}"
    assert user.is_active, f"{email} is inactive: the sign-in form would refuse it"
    assert user.email_verified, f"{email} is unconfirmed: the sign-in form would refuse it"
    client = Client()
    client.force_login(user)  # with the second factor where the role needs one
    session = client.session
    session[SIGNED_IN_AT_KEY] = time.time()
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": page.base_url,
                "httpOnly": True,
            }
        ]
    )
    page.goto(resolve_url(settings.LOGIN_REDIRECT_URL))


def log_in_through_form(page: Page, email: str, password: str) -> None:
    page.goto("/connexion/")
    check_page(page, "Connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    # CIPC advisors and administrators confirm with a TOTP code (enrolling first if needed):
    # computed from the user's device as their authenticator app would.
    steps = {
        "/connexion/verification/": "Vérification en deux étapes",
        "/connexion/double-authentification/": "Activer la vérification en deux étapes",
    }
    step = next((path for path in steps if page.url.endswith(path)), None)
    if step is None:
        return
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    check_page(page, steps[step])
    devices = TOTPDevice.objects.filter(user__email__iexact=email).order_by("-confirmed", "pk")
    device = devices.first()
    # On a loaded machine the code can outlive its 30-second step between the moment it is
    # computed and the server's check: a person would type the next one, so does this.
    for _attempt in range(2):
        # Successive log-ins within one step reuse a code the device refuses as replayed.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        page.get_by_label("Code de vérification").fill(f"{totp(device.bin_key):06d}")
        with page.expect_navigation():
            page.get_by_role("button", name="Vérifier le code").or_(
                page.get_by_role("button", name="Activer et me connecter")
            ).click()
        if not page.url.endswith(step):
            return
        check_page(page, steps[step])


HOME = "La participation citoyenne au sein de l'État"


def log_out(page: Page) -> None:
    """Sign out and wait for the home page it lands on, so the next step never races it."""
    with page.expect_navigation():
        page.get_by_role("button", name="Se déconnecter").click()
    check_page(page, HOME)

"""A visitor subscribes to the CIPC's newsletter, confirms, receives one edition,
unsubscribes from its link, and receives no later edition (issue 25)."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from concerto.newsletter.models import Subscriber
from concerto.scheduler.schedule import run_due
from tests.browser.conftest import check_page
from tests.newsletter.helpers import edition, subscriber

EMAIL = "visiteuse@exemple.fr"


def path_of(url: str) -> str:
    """E-mails link to SITE_URL; the test server listens elsewhere."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link_in(text: str, pattern: str) -> str:
    return path_of(re.search(rf"https?://\S+{pattern}\S*", text).group(0))


def test_a_visitor_subscribes_confirms_receives_one_edition_and_unsubscribes(page):
    # Another reader, so that the later edition demonstrably goes out.
    subscriber("autre@exemple.fr", "public")

    page.goto("/lettre/")
    check_page(page, "Lettre d'information du CIPC")
    page.get_by_role("textbox", name="Adresse électronique").fill(f"  {EMAIL.upper()} ")
    page.get_by_label("Grand public").check(force=True)
    page.get_by_label("J'accepte que le CIPC conserve mon adresse électronique").check(force=True)
    with page.expect_navigation():
        page.get_by_role("button", name="M'abonner").click()
    check_page(page, "Lettre d'information du CIPC")
    expect(page.locator(".fr-alert--success")).to_contain_text(
        "Merci. Un message vient de partir vers cette adresse"
    )
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    confirmation = mail.outbox[0]
    assert confirmation.subject == "Confirmez votre abonnement à la lettre d'information du CIPC"
    assert Subscriber.objects.get(email=EMAIL).confirmed_at is None

    page.goto(link_in(confirmation.body, "/lettre/confirmer/"))
    check_page(page, "Confirmer mon abonnement")
    expect(page.locator("main")).to_contain_text(
        f"Vous allez recevoir la lettre d'information du CIPC à l'adresse {EMAIL}."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Confirmer mon abonnement").click()
    check_page(page, "Lettre d'information du CIPC")  # the archive
    assert page.url.endswith("/ressources/lettre/")
    expect(page.locator(".fr-alert--success")).to_have_text(
        f"Votre abonnement est confirmé : la prochaine lettre vous parviendra à {EMAIL}."
    )
    expect(page.locator("main")).to_contain_text("Aucune édition n'a encore été envoyée.")
    person = Subscriber.objects.get(email=EMAIL)
    assert (person.audience, person.is_receiving) == ("public", True)

    # The edition is published with a send date already past; the scheduler's tick sends it.
    mail.outbox.clear()
    december = edition("Lettre de décembre", send_at=timezone.now() - timedelta(minutes=1))
    assert "newsletter-editions" in run_due()
    received = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(received) == 1
    (letter,) = received
    assert letter.subject == "Lettre de décembre"
    html = letter.alternatives[0][0]
    assert ">Lettre de décembre</h1>" in html
    assert ">Les rendez-vous de décembre</h2>" in html
    assert "Saisissez le CIPC avant de lancer la démarche." in html
    assert ">Lire le guide</a>" in html
    assert "Les rendez-vous de décembre\n===========================" in letter.body
    assert sorted(m.to[0] for m in mail.outbox) == ["autre@exemple.fr", EMAIL]

    # The archive now lists it, and its page shows the same blocks.
    page.goto("/ressources/lettre/")
    check_page(page, "Lettre d'information du CIPC")
    with page.expect_navigation():
        page.get_by_role("link", name="Lettre de décembre").click()
    check_page(page, "Lettre de décembre")
    expect(page.locator("main h2")).to_have_text("Les rendez-vous de décembre")
    expect(page.locator("main .fr-callout")).to_contain_text("À retenir")
    expect(page.get_by_role("link", name="Lire le guide")).to_have_attribute(
        "href", "https://www.exemple.fr/guide/"
    )

    # The unsubscribe link of the e-mail: one button.
    unsubscribe = re.search(r"Se désabonner : (\S+)", letter.body).group(1)
    page.goto(path_of(unsubscribe))
    check_page(page, "Se désabonner")
    expect(page.locator("main")).to_contain_text(
        f"L'adresse {EMAIL} reçoit : Lettre d'information du CIPC."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Me désabonner").click()
    check_page(page, "Se désabonner")
    expect(page.locator(".fr-alert--success")).to_contain_text(
        f"{EMAIL} ne recevra plus : Lettre d'information du CIPC."
    )
    person.refresh_from_db()
    assert person.unsubscribed_at is not None

    # A later edition reaches the other reader, not them.
    mail.outbox.clear()
    edition("Lettre de janvier", send_at=timezone.now() - timedelta(seconds=1))
    assert "newsletter-editions" in run_due(timezone.now() + timedelta(minutes=2))
    assert [m.to for m in mail.outbox] == [["autre@exemple.fr"]]
    assert mail.outbox[0].subject == "Lettre de janvier"
    assert december.pk  # sent once: its campaign is not opened again

"""How to report a flaw: /.well-known/security.txt (RFC 9116) and the /securite/ page."""

from datetime import UTC, datetime

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db


def fields(response) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in response.content.decode().splitlines())


@freeze_time("2026-12-04 22:09:11")
def test_security_txt_names_the_contact_and_expires_a_year_from_now(client, settings):
    settings.SITE_URL = "https://participation.gouv.fr"
    settings.SECURITY_CONTACT = "cert@participation.gouv.fr"

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response) == {
        "Contact": "mailto:cert@participation.gouv.fr",
        "Expires": "2027-12-04T22:09:11Z",
        "Preferred-Languages": "fr, en",
        "Policy": "https://participation.gouv.fr/securite/",
        "Canonical": "https://participation.gouv.fr/.well-known/security.txt",
    }


def test_the_expiry_is_computed_at_each_request_never_in_the_past(client):
    expires = fields(client.get("/.well-known/security.txt"))["Expires"]

    left = datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) - datetime.now(UTC)
    assert 364 <= left.days <= 365


def test_a_contact_url_is_kept_as_it_is(client, settings):
    settings.SECURITY_CONTACT = "https://participation.gouv.fr/signaler"

    assert fields(client.get("/.well-known/security.txt"))["Contact"] == settings.SECURITY_CONTACT


def test_the_policy_page_says_how_to_report_and_what_is_promised(client, settings):
    settings.SECURITY_CONTACT = "cert@participation.gouv.fr"

    response = client.get("/securite/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Politique de sécurité</h1>" in html
    assert '<a href="mailto:cert@participation.gouv.fr">cert@participation.gouv.fr</a>' in html
    assert "sous 3 jours ouvrés" in html
    assert "TOTP, RFC 6238" in html
    assert 'href="/securite/"' in client.get("/plan-du-site/").content.decode()


def test_both_refuse_anything_but_reading(client):
    assert client.post("/.well-known/security.txt").status_code == 405
    assert client.post("/securite/").status_code == 405

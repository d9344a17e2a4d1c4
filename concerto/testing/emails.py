"""Assert what an e-mail tells whom (issue 22): its exact recipients, its exact subject,
and that each of its links opens on the public address (SITE_URL).

Tests set `settings.SITE_URL = SITE_URL` first (the `site_url` fixture of tests/conftest.py):
a host that no request comes through, so a link built from the request's host, or from
the default address, fails the check instead of passing by chance.
"""

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail

SITE_URL = "https://concerto.example.gouv.fr"
LINK = re.compile(r"https?://[^\s\"'<>]+")
UNSUBSCRIBE = "/courriels/desabonnement/"


def links_of(message: mail.EmailMessage) -> list[str]:
    """Every http and https link of the message: text body, HTML alternatives, List-Unsubscribe."""
    parts = [message.body]
    parts += [content for content, mimetype in getattr(message, "alternatives", ()) if
              mimetype == "text/html"]  # fmt: skip
    parts.append(message.extra_headers.get("List-Unsubscribe", ""))
    return [link.rstrip(".,;:)»") for part in parts for link in LINK.findall(str(part))]


def assert_email(
    message: mail.EmailMessage,
    *,
    to: str | Iterable[str],
    subject: str,
    link: bool = True,
    external: Iterable[str] = (),
) -> list[str]:
    """Assert that `message` goes to exactly `to` (one address or several, in any order,
    each once), has exactly `subject`, and that every link in it is on SITE_URL but the
    `external` ones, which it must have (a session's video link); with `link`, it must have
    at least one link on SITE_URL besides its unsubscribe link. Returns those links, text
    body first, as paths on SITE_URL."""
    assert settings.SITE_URL == SITE_URL, (
        "set settings.SITE_URL to concerto.testing.emails.SITE_URL"
    )
    expected = [to] if isinstance(to, str) else list(to)
    assert sorted(message.recipients()) == sorted(expected)
    assert message.subject == subject
    site = urlsplit(SITE_URL)
    external = set(external)
    found = links_of(message)
    assert {linked for linked in found if linked in external} == external
    assert [
        linked
        for linked in found
        if linked not in external and urlsplit(linked)[:2] != (site.scheme, site.netloc)
    ] == [], f"links off {SITE_URL}"
    own = [
        linked.removeprefix(SITE_URL)
        for linked in found
        if linked not in external and UNSUBSCRIBE not in linked
    ]
    if link:
        assert own, "no link in the e-mail"
    return list(dict.fromkeys(own))


def sent(subject: str | None = None) -> list[mail.EmailMessage]:
    """The e-mails of the outbox (with exactly `subject`, when given), sorted by recipient:
    zip them with the expected addresses, sorted too."""
    return sorted(
        (message for message in mail.outbox if subject is None or message.subject == subject),
        key=lambda message: sorted(message.recipients()),
    )

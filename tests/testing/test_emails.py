"""The shared e-mail assertion fails on each thing it checks."""

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives

from concerto.testing.emails import SITE_URL, assert_email

pytestmark = pytest.mark.usefixtures("site_url")


def message(body: str, html: str = "", to=("anne@exemple.fr",), unsubscribe: str = ""):
    headers = {"List-Unsubscribe": f"<{unsubscribe}>"} if unsubscribe else {}
    built = EmailMultiAlternatives("Concerto : Avis", body, to=list(to), headers=headers)
    if html:
        built.attach_alternative(html, "text/html")
    return built


def test_it_returns_the_links_as_paths_on_the_site():
    sent = message(
        f"Voir : {SITE_URL}/espace/1/.\nSe désabonner : {SITE_URL}/courriels/desabonnement/x/",
        html=f'<a href="{SITE_URL}/espace/1/">Voir</a>',
        unsubscribe=f"{SITE_URL}/courriels/desabonnement/x/",
    )
    assert assert_email(sent, to="anne@exemple.fr", subject="Concerto : Avis") == ["/espace/1/"]


@pytest.mark.parametrize(
    ("sent", "to", "subject", "link"),
    [
        # Another recipient, one recipient too many, another subject.
        (message(f"{SITE_URL}/a/"), "zoe@exemple.fr", "Concerto : Avis", True),
        (message(f"{SITE_URL}/a/", to=["anne@exemple.fr"] * 2), "anne@exemple.fr",
         "Concerto : Avis", True),
        (message(f"{SITE_URL}/a/"), "anne@exemple.fr", "Avis", True),
        # A link on the host a request came through, in the text, the HTML or the header.
        (message("http://testserver/a/"), "anne@exemple.fr", "Concerto : Avis", True),
        (message(f"{SITE_URL}/a/", html='<a href="http://testserver/a/">a</a>'),
         "anne@exemple.fr", "Concerto : Avis", True),
        (message(f"{SITE_URL}/a/", unsubscribe="http://127.0.0.1:8000/courriels/desabonnement/"),
         "anne@exemple.fr", "Concerto : Avis", True),
        # The right host over plain http; no link but the unsubscribe one.
        (message("http://concerto.example.gouv.fr/a/"), "anne@exemple.fr", "Concerto : Avis",
         True),
        (message(f"{SITE_URL}/courriels/desabonnement/x/"), "anne@exemple.fr",
         "Concerto : Avis", True),
    ],
)  # fmt: skip
def test_it_fails_on_each_difference(sent, to, subject, link):
    with pytest.raises(AssertionError):
        assert_email(sent, to=to, subject=subject, link=link)


def test_an_external_link_must_be_named_and_present():
    sent = EmailMessage("Rappel", f"{SITE_URL}/a/ https://visio.gouv.fr/abc", to=["a@exemple.fr"])
    with pytest.raises(AssertionError):
        assert_email(sent, to="a@exemple.fr", subject="Rappel")
    with pytest.raises(AssertionError):
        assert_email(
            sent, to="a@exemple.fr", subject="Rappel", external=["https://visio.gouv.fr/x"]
        )
    assert assert_email(
        sent, to="a@exemple.fr", subject="Rappel", external=["https://visio.gouv.fr/abc"]
    ) == ["/a/"]


def test_it_refuses_to_check_links_against_an_address_a_request_could_use(settings):
    settings.SITE_URL = "http://testserver"
    with pytest.raises(AssertionError, match="SITE_URL"):
        assert_email(
            message("http://testserver/a/"), to="anne@exemple.fr", subject="Concerto : Avis"
        )

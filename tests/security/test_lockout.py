"""Issue 19, finding 2: lockouts that hold whatever the spelling, the address or the user
agent, that the real owner lifts at once, and the guesses they leave an attacker, measured."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from concerto.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SPELLINGS = [
    "someone@exemple.fr",
    "SOMEONE@EXEMPLE.FR",
    " someone@exemple.fr",
    "Someone@Exemple.fr",
    "someone@exemple.fr ",
    "SoMeOnE@exemple.fr",
]


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture(autouse=True)
def checked_passwords(monkeypatch) -> list[str]:
    """Every password the platform actually compared with an account's: a guess counts
    only if it got that far (the guess that triggers the lock does, then none)."""
    checked = []
    original = User.check_password

    def check_password(user, raw_password):
        checked.append(raw_password)
        return original(user, raw_password)

    monkeypatch.setattr(User, "check_password", check_password)
    return checked


def _attacker(number: int) -> Client:
    return Client(REMOTE_ADDR=f"203.0.113.{number % 250}", HTTP_USER_AGENT=f"outil/{number}")


def _guess(client: Client, username: str, password: str = "mauvais-mot-de-passe") -> bool:
    """Send one guess; True unless the lockout answered."""
    response = client.post("/connexion/", {"username": username, "password": password})
    return response.status_code != 429


def test_every_spelling_of_an_address_counts_against_one_account(client, checked_passwords):
    UserFactory(email="someone@exemple.fr")
    for number in range(24):
        _guess(client, SPELLINGS[number % len(SPELLINGS)])
    assert len(checked_passwords) == 10
    # The right password, in yet another spelling, is refused too, and opens no session.
    response = client.post("/connexion/", {"username": "SomeOne@exemple.FR", "password": PASSWORD})
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def guesses_per_hour(checked_passwords: list, addresses: int, hours: int = 2) -> float:
    """Guesses an attacker gets checked against one account, one a minute for `hours`,
    spread over `addresses` client addresses and as many user agents. A minute is far
    below the hour a lockout lasts: more frequent guesses only make the test slower."""
    UserFactory(email="someone@exemple.fr")
    start = timezone.now()
    with freeze_time(start) as clock:
        for number in range(hours * 60):
            clock.move_to(start + timedelta(minutes=number))
            _guess(_attacker(number % addresses), SPELLINGS[number % len(SPELLINGS)])
    return len(checked_passwords) / hours


@pytest.mark.parametrize("addresses", [1, 100])
def test_an_attacker_gets_ten_guesses_per_account_per_hour(checked_passwords, addresses):
    per_hour = guesses_per_hour(checked_passwords, addresses)
    print(f"\nLockout: {per_hour:.1f} guesses per account per hour from {addresses} address(es)")
    assert per_hour == 10


def test_the_owner_lifts_a_lockout_with_a_sign_in_link(client):
    owner = UserFactory(email="someone@exemple.fr")
    for number in range(12):
        _guess(_attacker(number), "someone@exemple.fr")
    assert not _guess(client, "someone@exemple.fr", PASSWORD)
    client.post("/connexion/lien/", {"email": "someone@exemple.fr"})
    link = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", mail.outbox[0].body).group(1)
    client.post(link)
    assert client.session[SESSION_KEY] == str(owner.pk)
    # The password works again, from anywhere.
    other = Client()
    assert _guess(other, "someone@exemple.fr", PASSWORD)
    assert other.session[SESSION_KEY] == str(owner.pk)

"""Issue 19, findings 1, 3 and 6: one door with its second factor, verified identities,
account e-mails that neither flood nor tell who has an account."""

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.identity.gate import SEEN_AT_KEY
from concerto.identity.models import LinkedIdentity
from concerto.identity.signin import SIGNED_IN_AT_KEY
from concerto.testing.emails import assert_email
from tests.factories import PASSWORD, UserFactory, user_with_role
from tests.identity.flow import sign_in

pytestmark = pytest.mark.django_db


# --- Finding 1: the admin's and Wagtail's sign-in pages lead to the platform's -------------


@pytest.mark.parametrize(
    ("door", "then"), [("/admin/login/?next=/admin/", "/admin/"), ("/cms/login/", "/cms/")]
)
def test_the_admin_and_cms_sign_in_pages_lead_to_the_platform_sign_in(client, door, then):
    advisor = user_with_role(Role.CIPC_ADVISOR)
    response = client.get(door)
    assert response.status_code == 302
    assert response["Location"] == f"/connexion/?next={then.replace('/', '%2F')}"
    # Posting the password to the old door signs nobody in.
    response = client.post(door, {"username": advisor.email, "password": PASSWORD})
    assert SESSION_KEY not in client.session
    # Through the platform, the password leads to the second factor, not to the admin.
    response = client.post(
        f"/connexion/?next={then}", {"username": advisor.email, "password": PASSWORD}
    )
    assert response["Location"] == "/connexion/double-authentification/"
    assert SESSION_KEY not in client.session
    assert client.get(then).status_code == 302


def test_a_next_to_another_site_is_not_followed(client):
    response = client.get("/admin/login/?next=https://attaquant.example/")
    assert response["Location"] == "/connexion/?next=%2Fadmin%2F"


@pytest.mark.parametrize("role", [Role.CIPC_ADVISOR, Role.ADMINISTRATOR])
def test_a_password_only_staff_session_is_ended_before_any_page(client, role):
    """However a session without its second factor was opened, it counts for nothing."""
    staff = user_with_role(role)
    client.force_login_first_factor_only(staff)
    response = client.get("/cipc/registre/export/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    assert SESSION_KEY not in client.session
    assert client.get("/admin/accounts/user/").status_code == 302
    assert client.get("/cms/").status_code == 302


def test_the_second_factor_opens_the_staff_pages(client):
    advisor = user_with_role(Role.CIPC_ADVISOR)
    device = TOTPDevice.objects.create(user=advisor, name="app", confirmed=True)
    client.post("/connexion/", {"username": advisor.email, "password": PASSWORD})
    response = client.post("/connexion/verification/", {"code": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(advisor.pk)
    assert client.get("/cipc/registre/").status_code == 200


def _still_signed_in(client) -> bool:
    client.get("/tableau-de-bord/")
    return SESSION_KEY in client.session


def test_a_role_given_to_someone_signed_in_needs_the_second_factor_at_once(client):
    citizen = UserFactory()
    client.force_login(citizen)
    assert _still_signed_in(client)
    citizen.is_superuser = True
    citizen.save()
    assert not _still_signed_in(client)


@pytest.mark.parametrize(
    ("signed_in_ago", "seen_ago", "ended"),
    [(3600, 29 * 60, False), (3600, 31 * 60, True), (12 * 3600 + 60, 60, True)],
)
def test_staff_sessions_end_after_30_idle_minutes_or_12_hours(
    client, signed_in_ago, seen_ago, ended
):
    advisor = user_with_role(Role.CIPC_ADVISOR)
    client.force_login(advisor)
    session = client.session
    now = time.time()
    session[SIGNED_IN_AT_KEY], session[SEEN_AT_KEY] = now - signed_in_ago, now - seen_ago
    session.save()
    assert _still_signed_in(client) is not ended


def test_citizen_sessions_have_no_idle_limit(client):
    citizen = UserFactory()
    client.force_login(citizen)
    session = client.session
    session[SIGNED_IN_AT_KEY] = session[SEEN_AT_KEY] = time.time() - 14 * 24 * 3600
    session.save()
    assert _still_signed_in(client)


# --- Finding 3: verified identities -----------------------------------------------------

SIGNUP = {
    "first_name": "Jeanne",
    "last_name": "Citoyenne",
    "password1": "Un-mot-de-passe-solide-2026",
    "password2": "Un-mot-de-passe-solide-2026",
}


def _link(message) -> str:
    return re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body).group(1)


def test_sign_up_confirms_the_address_before_any_session(client):
    response = client.post("/inscription/", {**SIGNUP, "email": "Jeanne@Exemple.fr"})
    assert response["Location"] == "/inscription/envoyee/"
    assert SESSION_KEY not in client.session
    user = User.objects.get()
    assert (user.email, user.email_verified_at) == ("jeanne@exemple.fr", None)
    # Not before the address is confirmed: the right password gets a new link, no session.
    response = client.post(
        "/connexion/", {"username": "jeanne@exemple.fr", "password": SIGNUP["password1"]}
    )
    assert response.status_code == 200 and SESSION_KEY not in client.session
    assert "pas encore confirmée" in response.content.decode()
    assert len(mail.outbox) == 2
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a mail scanner's GET confirms nothing
    user.refresh_from_db()
    assert user.email_verified_at is None
    response = client.post(link)
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert user.email_verified_at is not None
    # Used once: the link is void now.
    assert client.post(link).status_code == 410


def test_a_provider_never_hands_over_an_account_whose_address_nobody_confirmed(
    client, franceconnect
):
    """The pre-hijacking of finding 3: an attacker signs up with the victim's address,
    the victim later arrives through FranceConnect."""
    client.post("/inscription/", {**SIGNUP, "email": "victime@exemple.fr"})
    squatted = User.objects.get()
    franceconnect.identity = {
        "sub": "fc-victime",
        "email": "victime@exemple.fr",
        "given_name": "Vraie",
        "family_name": "Victime",
    }
    victim = client.__class__()
    sign_in(victim, "franceconnect")
    squatted.refresh_from_db()
    assert victim.session[SESSION_KEY] == str(squatted.pk)
    # The account is the victim's now: the attacker's password no longer opens it.
    assert not squatted.check_password(SIGNUP["password1"])
    assert (squatted.first_name, squatted.last_name) == ("Vraie", "Victime")
    assert squatted.email_verified_at is not None
    attacker = client.__class__()
    response = attacker.post(
        "/connexion/", {"username": "victime@exemple.fr", "password": SIGNUP["password1"]}
    )
    assert response.status_code == 200 and SESSION_KEY not in attacker.session
    assert LinkedIdentity.objects.get().user == squatted


def test_signing_up_again_with_a_new_password_voids_earlier_confirmation_links(client):
    client.post("/inscription/", {**SIGNUP, "email": "jeanne@exemple.fr"})
    first = _link(mail.outbox[0])
    client.post(
        "/inscription/",
        {**SIGNUP, "email": "jeanne@exemple.fr", "password1": "Autre-mot-de-passe-2026!",
         "password2": "Autre-mot-de-passe-2026!"},
    )  # fmt: skip
    assert client.post(first).status_code == 410
    assert User.objects.get().email_verified_at is None
    assert client.post(_link(mail.outbox[1])).status_code == 302


# --- Finding 6: no enumeration, no flooding ---------------------------------------------


def test_sign_up_answers_the_same_whether_or_not_the_address_has_an_account(client, site_url):
    UserFactory(email="deja@exemple.fr", first_name="Déjà")
    known = client.post("/inscription/", {**SIGNUP, "email": "deja@exemple.fr"})
    unknown = client.post("/inscription/", {**SIGNUP, "email": "nouvelle@exemple.fr"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/inscription/envoyee/"
    # The owner is told someone tried; their account is untouched.
    told, confirming = mail.outbox
    assert assert_email(
        told, to="deja@exemple.fr", subject="Une inscription à Concerto avec votre adresse"
    ) == ["/connexion/", "/mot-de-passe-oublie/"]
    assert "a déjà un compte" in told.body
    [link] = assert_email(
        confirming, to="nouvelle@exemple.fr",
        subject="Confirmez votre adresse pour activer votre compte Concerto",
    )  # fmt: skip
    assert link.startswith("/inscription/confirmer/")
    owner = User.objects.get(email="deja@exemple.fr")
    assert owner.check_password(PASSWORD) and owner.first_name == "Déjà"


def test_a_sign_in_link_goes_only_to_an_address_with_an_account(client, site_url):
    UserFactory(email="anne@exemple.fr")
    client.post("/connexion/lien/", {"email": "inconnue@exemple.fr"})
    assert mail.outbox == []
    client.post("/connexion/lien/", {"email": "Anne@Exemple.fr"})
    [message] = mail.outbox
    [link] = assert_email(
        message, to="anne@exemple.fr", subject="Votre lien de connexion à Concerto"
    )
    assert link.startswith("/connexion/lien/")
    assert client.post(link).status_code == 302


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/connexion/lien/", "email"),
        ("/mot-de-passe-oublie/", "email"),
    ],
)
def test_account_emails_are_throttled_per_address(client, url, field):
    UserFactory(email="cible@exemple.fr")
    for _ in range(10):
        response = client.post(url, {field: "CIBLE@exemple.fr"})
    assert len(mail.outbox) == 3
    assert response.status_code == 200
    assert "Plusieurs courriels ont déjà été envoyés" in response.content.decode()
    # The throttle says the same for an address without an account.
    for _ in range(4):
        response = client.post(url, {field: "personne@exemple.fr"})
    assert "Plusieurs courriels ont déjà été envoyés" in response.content.decode()
    assert len(mail.outbox) == 3


def test_account_emails_are_throttled_per_client(client):
    for number in range(25):
        client.post("/connexion/lien/", {"email": f"personne{number}@exemple.fr"})
    users = [UserFactory(email=f"vrai{number}@exemple.fr") for number in range(3)]
    for user in users:
        client.post("/connexion/lien/", {"email": user.email})
    assert len(mail.outbox) == 0
    other_client = client.__class__(REMOTE_ADDR="198.51.100.7")
    other_client.post("/connexion/lien/", {"email": users[0].email})
    assert len(mail.outbox) == 1

"""Proving an address: confirmation links, account e-mails and their throttle.

A confirmation link is signed, lasts three days and carries a fingerprint of the account's
address, password hash and confirmation state: confirming once, or a new sign-up with a
new password for the same unconfirmed address, voids every link sent before.

Every e-mail an anonymous visitor can make the platform send (confirmation, sign-in link,
password reset) is throttled per address and per client, so nobody can flood a mailbox.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from concerto import ratelimit
from concerto.accounts.lockout import lift_lockout
from concerto.accounts.models import User
from concerto.accounts.tokens import check_user_token, make_user_token
from concerto.clientaddress import client_address
from concerto.siteurl import absolute_url

SALT = "concerto.accounts.confirm-address"
MAX_AGE = 3 * 24 * 3600  # seconds


def _fingerprint(user: User) -> str:
    state = f"{user.pk}|{user.email.lower()}|{user.password}|{user.email_verified_at or ''}"
    return salted_hmac(SALT, state).hexdigest()[:32]


def make_token(user: User) -> str:
    return make_user_token(user, salt=SALT, fingerprint=_fingerprint)


def check_token(token: str) -> User | None:
    return check_user_token(token, salt=SALT, max_age=MAX_AGE, fingerprint=_fingerprint)


@transaction.atomic
def confirm_address(user: User) -> None:
    """The person proved they read this address's mail: the account is theirs, and a
    lockout an attacker caused on it no longer holds."""
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    lift_lockout(user.email)


def may_send(request, email: str) -> bool:
    """Whether one more account e-mail may go to `email` at this client's request."""
    by_address = ratelimit.allow("account_email_address", [f"address:{email.strip().lower()}"])
    address = client_address(request)
    by_client = ratelimit.allow("account_email_client", [f"ip:{address}"] if address else [])
    return by_address and by_client


def send_account_email(request, user: User, kind: str, **context) -> None:
    """Send the `kind` e-mail (its subject here, its body in accounts/emails/<kind>.txt)."""
    subjects = {
        "confirm_address": _("Confirmez votre adresse pour activer votre compte Concerto"),
        "already_registered": _("Une inscription à Concerto avec votre adresse"),
    }
    body = render_to_string(f"accounts/emails/{kind}.txt", {"user": user, **context}, request)
    send_mail(subjects[kind], body, settings.DEFAULT_FROM_EMAIL, [user.email])


def send_confirmation(request, user: User) -> None:
    link = absolute_url(reverse("accounts:confirm_address", args=[make_token(user)]))
    send_account_email(request, user, "confirm_address", link=link, days=MAX_AGE // 86400)


def send_already_registered(request, user: User) -> None:
    links = {
        "login": absolute_url(reverse("accounts:login")),
        "reset": absolute_url(reverse("accounts:password_reset")),
    }
    send_account_email(request, user, "already_registered", **links)

"""One-time sign-in links sent by e-mail: signed, short-lived, void once used.

The token carries a fingerprint of the account's password hash and last sign-in:
signing in (which updates last_login) or changing the password voids every link
sent before.
"""

from django.utils.crypto import salted_hmac

from concerto.accounts.models import User
from concerto.accounts.tokens import check_user_token, make_user_token

SALT = "concerto.identity.sign-in-link"
MAX_AGE = 15 * 60  # seconds


def _fingerprint(user: User) -> str:
    last = user.last_login.replace(microsecond=0, tzinfo=None) if user.last_login else ""
    return salted_hmac(SALT, f"{user.pk}|{user.password}|{last}").hexdigest()[:32]


def make_token(user: User) -> str:
    return make_user_token(user, salt=SALT, fingerprint=_fingerprint)


def check_token(token: str) -> User | None:
    return check_user_token(token, salt=SALT, max_age=MAX_AGE, fingerprint=_fingerprint)

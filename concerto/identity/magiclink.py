"""One-time sign-in links sent by e-mail: signed, short-lived, void once used.

The token carries a fingerprint of the account's password hash and last sign-in:
signing in (which updates last_login) or changing the password voids every link
sent before.
"""

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from concerto.accounts.models import User

SALT = "concerto.identity.sign-in-link"
MAX_AGE = 15 * 60  # seconds


def _fingerprint(user: User) -> str:
    last = user.last_login.replace(microsecond=0, tzinfo=None) if user.last_login else ""
    return salted_hmac(SALT, f"{user.pk}|{user.password}|{last}").hexdigest()[:32]


def make_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=SALT)


def check_token(token: str) -> User | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(data.get("f", ""), _fingerprint(user)):
        return None
    return user

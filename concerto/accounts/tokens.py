"""Signed, short-lived links that name an account: a one-time sign-in link, an address
confirmation. Each kind has its salt, its lifetime and a fingerprint of the account's
state; a change of that state (a sign-in, a new password, a confirmation) voids them."""

from collections.abc import Callable

from django.core import signing
from django.utils.crypto import constant_time_compare

from concerto.accounts.models import User


def make_user_token(user: User, *, salt: str, fingerprint: Callable[[User], str]) -> str:
    return signing.dumps({"u": user.pk, "f": fingerprint(user)}, salt=salt)


def check_user_token(
    token: str, *, salt: str, max_age: int, fingerprint: Callable[[User], str]
) -> User | None:
    """The active account the token names, if it is genuine, in time, and still fits."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(data.get("f", ""), fingerprint(user)):
        return None
    return user

"""One-click unsubscription, with no account and no password.

Every bulk e-mail carries a signed link for its *scope* (what it belongs to: the
newsletter, the digests…): the signature proves the link came in a message sent to
that address, so opening it is enough. The link never expires: an unsubscribe link
in an old e-mail must still work. The domain that owns a scope says what
unsubscribing means (`register_scope`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.functional import Promise

from concerto.mailing.models import normalised

UNSUBSCRIBE_SALT = "concerto.mailing.unsubscribe"
PREFERENCES_SALT = "concerto.mailing.preferences"


@dataclass(frozen=True)
class Scope:
    prefix: str
    label: str | Promise
    unsubscribe: Callable[[str, str], None]
    # None when the scope cannot say (then the page offers the button anyway).
    is_subscribed: Callable[[str], bool] | None = None


_SCOPES: dict[str, Scope] = {}


def register_scope(
    prefix: str,
    *,
    label: str | Promise,
    unsubscribe: Callable[[str, str], None],
    is_subscribed: Callable[[str], bool] | None = None,
) -> None:
    _SCOPES[prefix] = Scope(prefix, label, unsubscribe, is_subscribed)


def scope_for(scope: str) -> Scope | None:
    return _SCOPES.get(scope.split(":", 1)[0])


def scopes() -> list[Scope]:
    return sorted(_SCOPES.values(), key=lambda scope: scope.prefix)


# No timestamp in the signature: one address and scope always give the same link, so the
# body's link and the header's of one message are signed once.
@lru_cache(maxsize=256)
def unsubscribe_token(address: str, scope: str) -> str:
    signer = signing.Signer(salt=UNSUBSCRIBE_SALT)
    return signer.sign_object({"a": normalised(address), "s": scope})


def preferences_token(address: str) -> str:
    return signing.Signer(salt=PREFERENCES_SALT).sign_object({"a": normalised(address)})


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return data["a"], data["s"]


def read_preferences_token(token: str) -> str | None:
    try:
        return signing.Signer(salt=PREFERENCES_SALT).unsign_object(token)["a"]
    except (signing.BadSignature, ValueError):
        return None


def _url(name: str, token: str) -> str:
    # Reversed once per URL name and substituted: every recipient of a campaign of
    # 500,000 needs one, twice (the header and the body).
    prefix, suffix = _patterns.get(name) or _patterns.setdefault(
        name, tuple(reverse(name, args=["TOKEN"]).split("TOKEN"))
    )
    return f"{settings.SITE_URL}{prefix}{token}{suffix}"


_patterns: dict[str, tuple[str, str]] = {}


def unsubscribe_url(address: str, scope: str) -> str:
    return _url("mailing:unsubscribe", unsubscribe_token(address, scope))


def preferences_url(address: str) -> str:
    return _url("mailing:preferences", preferences_token(address))


def unsubscribe(address: str, scope: str) -> bool:
    """Stop what `scope` sends to `address`; False for a scope nobody registered."""
    registered = scope_for(scope)
    if registered is None:
        return False
    registered.unsubscribe(normalised(address), scope)
    return True

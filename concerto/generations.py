"""Generations: what was computed from some data, kept in the shared cache until that
data changes, on every app server at once.

A *scope* names some data ("process:12", "module:40"). Each scope has a token in the
shared cache; whatever is kept is kept under the tokens current when it was computed,
and every change of the data renews the scope's token, so nothing computed before the
change is read again, on any app server. Tokens are random rather than counters: a token
evicted from the cache and made again can never bring back what was kept under an old
one.

A change renews its scopes twice: at once, so that the rest of the request and its
transaction read fresh values, and again once the transaction commits, because a reader
on another server that computed between the two saw the data before the commit and kept
it under the first token, which the second retires.

While the shared cache is down (concerto/cache.py) every token reads None and nothing is
kept: every value is computed afresh.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _token_key(scope: str) -> str:
    return f"generation:{scope}"


def tokens(scopes: Iterable[str], *also: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The current token of each scope, and the cached values of the keys `also`, read in
    one round trip. A scope without a token (never changed, or evicted) gets one now."""
    scopes = list(scopes)
    found = cache.get_many([_token_key(scope) for scope in scopes] + list(also))
    current = {}
    for scope in scopes:
        token = found.get(_token_key(scope))
        if token is None:
            cache.add(_token_key(scope), uuid.uuid4().hex, timeout=None)
            token = cache.get(_token_key(scope))
        current[scope] = token
    return current, {key: found[key] for key in also if key in found}


def current(scope: str) -> str:
    return tokens([scope])[0][scope]


def _renew_now(scopes: tuple[str, ...]) -> None:
    cache.set_many({_token_key(scope): uuid.uuid4().hex for scope in scopes}, timeout=None)


def renew(*scopes: str) -> None:
    """What was computed from these scopes is out of date: now, and once committed."""
    if not scopes:
        return
    _renew_now(scopes)
    transaction.on_commit(lambda: _renew_now(scopes))


def remembered(scope: str, name: str, compute: Callable[[], Any], seconds: int) -> Any:
    """`compute()`, kept for `seconds` beside the scope's token of when it was computed:
    read with the current token in one round trip, and computed again once they differ."""
    return remembered_many([(scope, name, compute, seconds)])[0]


def remembered_many(wanted: list[tuple[str, str, Callable[[], Any], int]]) -> list[Any]:
    """Several `remembered(scope, name, compute, seconds)` read in one round trip: a
    request that needs two kept values pays one."""
    keys = [f"kept:{scope}:{name}" for scope, name, _compute, _seconds in wanted]
    current, found = tokens([scope for scope, *_rest in wanted], *keys)
    values = []
    for (scope, _name, compute, seconds), key in zip(wanted, keys, strict=True):
        kept = found.get(key)
        if kept is not None and kept[0] == current[scope]:
            values.append(kept[1])
            continue
        value = compute()
        cache.set(key, (current[scope], value), seconds)
        values.append(value)
    return values


def fingerprint(value: str) -> str:
    """A short name for `value` in a cache key (a selection's filters, a list of ids):
    cache keys have a length limit (250 characters in the database cache)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def renew_on_rows(
    rows: dict[str, Callable[[Any], int | None]], renew_for: Callable[[int], None], uid: str
) -> None:
    """Hear the saves and deletions of each model named in `rows` (by label, so that the
    caller imports none of them): `rows[label](instance)` names the owner the row shows
    on (a process's id; None: none), and `renew_for(owner)` renews its scopes."""

    def row_changed(sender, instance, raw=False, **kwargs) -> None:
        if raw:
            return
        owner = rows[sender._meta.label](instance)
        if owner is not None:
            renew_for(owner)

    # The receiver is a closure: held strongly, or it would be collected at once.
    for label in rows:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            key = f"{uid}-{name}-{label}"
            signal.connect(row_changed, sender=label, weak=False, dispatch_uid=key)

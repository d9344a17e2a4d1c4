"""Generations: what was computed from some data, kept in the shared cache until that
data changes, on every app server at once.

A *scope* names some data ("process:12", "module:40"). Each scope has a token in the
shared cache; whatever is kept is kept under the tokens current when it was computed,
and every change of the data renews the scope's token, so nothing computed before the
change is read again, on any app server. Tokens are random rather than counters: a token
evicted from the cache and made again can never bring back what was kept under an old
one.

A change renews its scopes once its transaction commits: a reader on another server
that computed before the commit saw the data before the change and kept it under the old
token, which the commit's renewal retires. The transaction itself reads its own change:
its renewals are made before it next reads a kept value, so that it reads it afresh, and
what it computes then is not kept (`settled`), for a rollback would leave it. A
transaction's renewals are written in one round trip, however many rows it changed.

While the shared cache is down (concerto/cache.py) every token reads None and nothing is
kept: every value is computed afresh.
"""

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

# remembered()'s arguments: a scope, a name, how to compute the value, seconds to keep it.
# A domain names what it keeps with a `*_spec()` function, for remembered(*spec) and for
# remembered_many() and read_ahead(), which take several.
Spec = tuple[str, str, Callable[[], Any], int]


def _token_key(scope: str) -> str:
    return f"generation:{scope}"


def tokens(scopes: Iterable[str], *also: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The current token of each scope, and the cached values of the keys `also`, read in
    one round trip. A scope without a token (never changed, or evicted) gets one now."""
    scopes = list(scopes)
    _renew_before_reading()
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
    """What was computed from these scopes is out of date: for the rest of this
    transaction, and for everyone once it commits."""
    if not scopes:
        return
    _forget_read_ahead(scopes)
    if not transaction.get_connection().in_atomic_block:
        _renew_now(scopes)  # committed already
        return
    _this_thread.unread.update(scopes)
    _this_thread.changing.update(scopes)
    at_commit = _this_thread.at_commit
    at_commit.update(scopes)

    def renew_at_commit() -> None:
        # Every renewal of the transaction registers one, and the first to run renews
        # them all: those of a savepoint rolled back too, which only costs them a reread.
        # Committed, they need no renewal before the next read.
        if at_commit:
            renewed = tuple(at_commit)
            at_commit.clear()
            _this_thread.unread.difference_update(renewed)
            _this_thread.changing.difference_update(renewed)
            _renew_now(renewed)

    transaction.on_commit(renew_at_commit)


class _ThisThread(threading.local):
    """A transaction's renewals, on the thread that runs it (those its next read must
    make first, and those its commit makes), and what its request read ahead."""

    def __init__(self) -> None:
        self.unread: set[str] = set()
        self.at_commit: set[str] = set()
        # Changed by the transaction under way (settled()); forgotten as a request ends.
        self.changing: set[str] = set()
        # The request's values read ahead (read_ahead): kept key -> (scope, value).
        self.ahead: dict[str, tuple[str, Any]] = {}


_this_thread = _ThisThread()


def settled(scopes: Iterable[str]) -> bool:
    """Whether what is computed now from these scopes may be kept: not while this
    thread's transaction has changed one of them. It reads its own change, which a
    rollback would leave kept under the token the change made, for everyone."""
    return _this_thread.changing.isdisjoint(scopes)


def _renew_before_reading() -> None:
    if _this_thread.unread:
        renewed = tuple(_this_thread.unread)
        _this_thread.unread.clear()
        _renew_now(renewed)


def remembered(scope: str, name: str, compute: Callable[[], Any], seconds: int) -> Any:
    """`compute()`, kept for `seconds` beside the scope's token of when it was computed:
    read with the current token in one round trip, and computed again once they differ."""
    return remembered_many([(scope, name, compute, seconds)])[0]


def remembered_many(wanted: list[Spec]) -> list[Any]:
    """Several `remembered(scope, name, compute, seconds)` read in one round trip: a
    request that needs two kept values pays one, and none for those it read ahead."""
    ahead = _this_thread.ahead
    read = iter(_read([spec for spec in wanted if _kept_key(spec) not in ahead]))
    return [ahead[key][1] if (key := _kept_key(spec)) in ahead else next(read) for spec in wanted]


def read_ahead(wanted: list[Spec]) -> None:
    """Read these kept values now, in one round trip, for the request's later `remembered`
    calls to find without one each (a contribution's reads in the domains built on
    participation: participation/read_ahead.py). Forgotten when the request ends, and each
    as soon as the request renews its scope."""
    for spec, value in zip(wanted, remembered_many(wanted), strict=True):
        _this_thread.ahead[_kept_key(spec)] = (spec[0], value)


def _kept_key(spec: Spec) -> str:
    scope, name, _compute, _seconds = spec
    return f"kept:{scope}:{name}"


def _read(wanted: list[Spec]) -> list[Any]:
    if not wanted:
        return []
    keys = [_kept_key(spec) for spec in wanted]
    current, found = tokens([scope for scope, *_rest in wanted], *keys)
    values = []
    for (scope, _name, compute, seconds), key in zip(wanted, keys, strict=True):
        kept = found.get(key)
        if kept is not None and kept[0] == current[scope]:
            values.append(kept[1])
            continue
        value = compute()
        if settled([scope]):
            cache.set(key, (current[scope], value), seconds)
        values.append(value)
    return values


def _forget_read_ahead(scopes: Iterable[str]) -> None:
    ahead = _this_thread.ahead
    for key in [key for key, (scope, _value) in ahead.items() if scope in scopes]:
        del ahead[key]


def _forget_the_request(**_signal) -> None:
    _this_thread.ahead.clear()
    _this_thread.changing.clear()  # a transaction rolled back: its token holds nothing


# What a request read ahead, and what its transactions changed, are its own: forgotten
# when the next request starts on the thread.
request_started.connect(_forget_the_request, dispatch_uid="generations-request-start")
request_finished.connect(_forget_the_request, dispatch_uid="generations-request-end")


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

"""The devoir de suite's counts, made once per change and shared by every app server.

What a published answer covers is read from its links: 50,000 rows for a Grand Débat
theme, a million for a process's taux de suite (bench/bench_followup.py). Counting them on
every page view put the public answer page past a second and the process's follow-up page
past thirty at 20 readers. Those counts move only when the follow-up changes (an answer
saved, linked or published) or when a contribution of the process is saved (created,
withdrawn, hidden, restored). Each such change gives the process, and the State, a new
*generation* token in the shared cache; counts are kept under the token current when they
were made, so a page reads them in one round trip and never shows counts older than the
last change, on any app server. Writes that bypass `save()` (bulk imports of paper
contributions) show within KEPT_SECONDS, when the counts expire.
"""

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

KEPT_SECONDS = 600
STATE = "state"
_MISSING = object()


def process_scope(process_id: int) -> str:
    return f"process:{process_id}"


def _token_key(scope: str) -> str:
    return f"followup:generation:{scope}"


def generation(scope: str) -> str:
    """The scope's current token; a scope whose token was evicted starts a new one, so
    nothing kept under an older token is ever read again."""
    key = _token_key(scope)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token


def _renew(process_id: int) -> None:
    cache.set_many(
        {
            _token_key(process_scope(process_id)): uuid.uuid4().hex,
            _token_key(STATE): uuid.uuid4().hex,
        },
        timeout=None,
    )


def changed(process_id: int) -> None:
    """The follow-up counts of this process (and the State's) are out of date.

    Renewed now, so that this request and the rest of its transaction read fresh counts,
    and again once the transaction commits: a reader that counted between the two saw
    the data before the commit and kept it under the first token, never read again."""
    _renew(process_id)
    transaction.on_commit(lambda: _renew(process_id))


def remembered(scope: str, name: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept under the scope's current generation."""
    key = f"followup:{scope}:{generation(scope)}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, KEPT_SECONDS)
    return value


def fingerprint(value: str) -> str:
    """A short name for `value` in a cache key (a selection's filters, a list of ids):
    cache keys have a length limit (250 characters in the database cache)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]

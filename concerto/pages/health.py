"""What the load balancer asks each app server: can it serve?

A server that cannot reach the database answers 503 and is taken out of the pool. One
whose shared cache is down answers 200 when it serves without it, as the Redis backend
does (concerto/cache.py: pages made afresh, sessions from the database, rate limits
open): Redis down is down for every server at once, and taking them all out of the pool
would turn a slower platform into none. Its body says "dégradé" and names the cache. A
cache that raises instead (the database cache) would fail every page: 503.

The body names what failed, never why (no address, no error text for the public to read).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from concerto.pages.queue_stall import check_queue

logger = logging.getLogger(__name__)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


# What _cache() finds: the cache keeps what it is given; it answers without keeping it
# (a miss: the Redis backend while Redis is down); it raises, as every page would.
KEEPS, MISSES, RAISES = "keeps", "misses", "raises"


def _cache() -> str:
    # A key of its own: with one shared key, two checks at once overwrote each other's
    # value and the loser reported a healthy cache as down (bench_followup.py found 503s).
    value = uuid.uuid4().hex
    key = f"health:{value}"
    try:
        cache.set(key, value, timeout=30)
        seen = cache.get(key) == value
        cache.delete(key)
    except Exception:  # every backend raises its own (redis, database, …)
        logger.exception("Health check: the cache does not answer")
        return RAISES
    # No line here when it misses: the backend logs its outage, once a minute at most.
    return KEEPS if seen else MISSES


def _watch_queue() -> None:
    # The queue's own trouble is told to people, never to the load balancer: a stalled
    # worker is no reason to take an app server out of the pool.
    try:
        check_queue()
    except Exception:  # noqa: BLE001 - the health answer must not depend on the alert
        logger.exception("Health check: the task-queue watch failed")


@never_cache
@require_safe
def health(request):
    base, cache_state = _database(), _cache()
    serves = base and cache_state != RAISES
    if base and cache_state == KEEPS:
        # Its guards (look once a minute, alert once per stall) live in the cache.
        _watch_queue()
        state = "ok"
    else:
        state = "dégradé" if serves else "en panne"
    body = {
        "etat": state,
        "base": "ok" if base else "en panne",
        "cache": "ok" if cache_state == KEEPS else "en panne",
    }
    return JsonResponse(body, status=200 if serves else 503)

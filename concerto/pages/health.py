"""What the load balancer asks each app server: can it reach the database and the cache?

A server that cannot answers 503 and is taken out of the pool; the body names what
failed, never why (no address, no error text for the public to read).
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


def _cache() -> bool:
    # A key of its own: with one shared key, two checks at once overwrote each other's
    # value and the loser reported a healthy cache as down (bench_followup.py found 503s).
    value = uuid.uuid4().hex
    key = f"health:{value}"
    try:
        cache.set(key, value, timeout=30)
        seen = cache.get(key) == value
        cache.delete(key)
        return seen
    except Exception:  # every backend raises its own (redis, database, …)
        logger.exception("Health check: the cache does not answer")
        return False


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
    checks = {"base": _database(), "cache": _cache()}
    healthy = all(checks.values())
    if healthy:
        _watch_queue()
    body = {"etat": "ok" if healthy else "en panne"}
    body |= {name: "ok" if passed else "en panne" for name, passed in checks.items()}
    return JsonResponse(body, status=200 if healthy else 503)

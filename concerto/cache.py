"""The cache every app server shares: Redis/Valkey in production, the database by default.

`CACHE_URL` names it (`redis://host:6379/0`); without it the embedded setup keeps its
cache in the database, which every process on the machine sees, so `make run` needs no
extra server and its rate limits still hold across the web server's workers. A cache
local to one process would let each worker count on its own.

While Redis is down the platform goes on without it (`RedisCache` below): every read is
a miss and every write is skipped, so what it keeps is computed afresh and what it
counts starts from nothing. Nothing the platform must not lose lives only in it.
"""

import base64
import logging
import pickle
import threading
import time
from contextlib import contextmanager

from django.core.cache import caches as configured_caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# A Redis that is gone must cost a request milliseconds, not seconds: a stopped server
# refuses at once, but a machine gone or a network cut answers nothing, and the client
# waits forever by default. A request makes several cache calls, each paying these.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.1, "socket_timeout": 0.5}
# While Redis is down every request fails several times: the log says so once per
# process every LOG_EVERY seconds, with the count of failures in between.
LOG_EVERY = 60


def caches_setting(url: str) -> dict:
    """CACHES for CACHE_URL. Rate limits, the API's throttle and the opinion maps'
    recompute guard count in this cache, and kept pages and values live in it
    (concerto/generations.py, concerto/pagecache.py)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        backend = {
            "BACKEND": "concerto.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": dict(REDIS_TIMEOUTS),
        }
    elif url in ("", "db://"):
        backend = {
            "BACKEND": "concerto.cache.DatabaseCache",
            "LOCATION": "concerto_cache",
            # Django culls a third of the entries past MAX_ENTRIES, rate-limit counters
            # included: a bound high enough never to forget a live counter.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    elif url == "locmem://":
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        raise ImproperlyConfigured(
            f"CACHE_URL non reconnue : {url!r} (redis://…, db:// ou locmem://)"
        )
    return {"default": backend}


def session_engine(caches: dict) -> str:
    """With Redis, sessions are read from it and written through to the database (which
    keeps them when the cache is emptied): a signed-in page saves a query. The database
    cache would only trade one query for another."""
    if caches["default"]["BACKEND"].endswith("RedisCache"):
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


class DatabaseCache(DjangoDatabaseCache):
    """Django's database cache, with an increment two app servers cannot both win.

    Django's own `incr` reads, then writes with the default timeout: two processes
    counting at once lose a count, and each count pushes the window's end back. Here
    the row is locked first (an UPDATE that changes nothing takes SQLite's write lock
    and PostgreSQL's row lock), then read and written back with its expiry unchanged.
    """

    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        cache_key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=db):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET expires = expires WHERE cache_key = %s", [cache_key]
                )
            value = self.get(key, version=version)  # None once expired
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, cache_key]
                )
        return value


class _Outage:
    """The shared cache's failures in this process (each thread has its own backend
    object, hence one for the module), told to the log at most once every LOG_EVERY
    seconds, and its return told once."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._down = False
        self._next_line = 0.0
        self._unlogged = 0

    def failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            self._down = True
            now = self._clock()
            if now < self._next_line:
                self._unlogged += 1
                return
            self._next_line = now + LOG_EVERY
            unlogged, self._unlogged = self._unlogged, 0
        logger.error(
            "Shared cache unreachable (%s: %s): served without it; failures since the last"
            " line: %d",
            operation, error, unlogged,
        )  # fmt: skip

    def answered(self) -> None:
        if not self._down:  # the usual case: no lock taken
            return
        with self._lock:
            if not self._down:
                return
            self._down, self._next_line = False, 0.0
            unlogged, self._unlogged = self._unlogged, 0
        logger.warning("Shared cache reachable again; failures since the last line: %d", unlogged)


_outage = _Outage()


class RedisCache(DjangoRedisCache):
    """Django's Redis cache, which goes on without Redis while it cannot be reached.

    Only the client's connection errors and timeouts are caught; any other error (a bad
    value, a bug) still raises. While Redis cannot be reached:

    - a read is a miss (`get` answers its default, `get_many` nothing, `has_key` False):
      kept pages and values are made afresh (concerto/pagecache.py), and `cached_db`
      sessions are read from the database, where every session is written first;
    - a write or a deletion is skipped: the database still has every session, and what
      was kept expires (kept pages within their KEPT_SECONDS);
    - `add` answers False (nothing was stored): a guard taken with it is not held, so
      what it guards is not done (the queue-stall check of /sante/, which would
      otherwise e-mail at every probe; the opinion map's queued recomputation, done at
      the next due vote once Redis is back);
    - `incr` raises ValueError, as for any key not found: a rate-limit count starts
      from nothing, so rate limits let everyone through (concerto/ratelimit.py), as
      does the API's throttle, whose history reads as empty.

    A skipped deletion can outlive the outage when Redis itself stayed up (a network cut
    between one app server and Redis): a session ended meanwhile stays in Redis until
    it expires. Redis restarted without a saved copy holds none (docs/deploiement.md).
    """

    @contextmanager
    def _or_without(self, operation: str):
        try:
            yield
        except (RedisConnectionError, RedisTimeoutError) as error:
            _outage.failed(operation, error)
        else:
            _outage.answered()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._or_without("add"):
            return super().add(key, value, timeout, version)
        return False

    def get(self, key, default=None, version=None):
        with self._or_without("get"):
            return super().get(key, default, version)
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._or_without("set"):
            super().set(key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        with self._or_without("touch"):
            return super().touch(key, timeout, version)
        return False

    def delete(self, key, version=None):
        with self._or_without("delete"):
            return super().delete(key, version)
        return False

    def get_many(self, keys, version=None):
        with self._or_without("get_many"):
            return super().get_many(keys, version)
        return {}

    def has_key(self, key, version=None):
        with self._or_without("has_key"):
            return super().has_key(key, version)
        return False

    def incr(self, key, delta=1, version=None):
        with self._or_without("incr"):
            return super().incr(key, delta, version)
        raise ValueError(f"Key '{key}' not found (the cache is unreachable).")

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        with self._or_without("set_many"):
            if timeout is not None:
                return super().set_many(data, timeout, version)
            # Kept until replaced (the generations' tokens, which every commit writes): one
            # MSET, atomic by itself, rather than Django's MULTI, MSET, EXEC.
            serializer = self._cache._serializer
            values = {self.make_key(key, version): serializer.dumps(v) for key, v in data.items()}
            self._cache.get_client(write=True).mset(values)
            return []
        return list(data)  # the keys not stored

    def validate_key(self, key):
        """Redis takes any key. Django's check warns of keys memcached would refuse,
        reading each one character by character on every call, some twenty a request."""

    def delete_many(self, keys, version=None):
        with self._or_without("delete_many"):
            super().delete_many(keys, version)

    def clear(self):
        with self._or_without("clear"):
            return super().clear()
        return False

    def count_in_window(self, keys: list[str], window: int) -> list[int]:
        """`count_in_window` in one round trip: for each key, SET NX EX (the window
        starts with its first count) then INCR, pipelined. Unreachable: every count is 1."""
        with self._or_without("count_in_window"):
            client = self._cache.get_client(write=True)
            pipeline = client.pipeline(transaction=False)
            for key in keys:
                made = self.make_and_validate_key(key)
                pipeline.set(made, 0, ex=window, nx=True)
                pipeline.incr(made)
            return pipeline.execute()[1::2]
        return [1] * len(keys)


def count_in_window(keys: list[str], window: int) -> list[int]:
    """Count one more for each key, in a fixed window of `window` seconds from its first
    count; the counts after this one. Redis answers in one round trip (a submission
    counts its author and its address: four round trips as add and incr)."""
    backend = configured_caches["default"]
    if isinstance(backend, RedisCache):
        return backend.count_in_window(keys, window)
    counts = []
    for key in keys:
        backend.add(key, 0, timeout=window)
        try:
            counts.append(backend.incr(key))
        except ValueError:  # expired between add and incr, or the cache unreachable
            backend.set(key, 1, timeout=window)
            counts.append(1)
    return counts


def create_tables(**kwargs) -> None:
    """Create the database cache's table before the migrations (their post-migrate
    steps already use the cache), so `migrate` is all a new installation runs;
    createcachetable leaves an existing table alone."""
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)

"""The cache every app server shares: Redis/Valkey in production, the database by default.

`CACHE_URL` names it (`redis://host:6379/0`); without it the embedded setup keeps its
cache in the database, which every process on the machine sees, so `make run` needs no
extra server and its rate limits still hold across the web server's workers. A cache
local to one process would let each worker count on its own.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction


def caches_setting(url: str) -> dict:
    """CACHES for CACHE_URL. Rate limits, the API's throttle and the opinion maps'
    recompute guard count in this cache, and kept pages and values live in it
    (concerto/generations.py, concerto/pagecache.py)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
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


def create_tables(**kwargs) -> None:
    """Create the database cache's table before the migrations (their post-migrate
    steps already use the cache), so `migrate` is all a new installation runs;
    createcachetable leaves an existing table alone."""
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)

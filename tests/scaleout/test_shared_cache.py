"""The cache the app servers share: a rate limit counts every process's requests.

Two real processes count against one limit at the same moment, on the embedded default
(the database) and on Redis; together they get exactly the limit, not one limit each.
"""

import os
import subprocess
import sys
import uuid

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from concerto.cache import RedisCache, count_in_window
from tests.scaleout.servers import app_environment, redis_server

LIMIT, TRIES = 20, 30

COUNT = f"""
import sys, time, pathlib, django
django.setup()
from concerto import ratelimit
go = pathlib.Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
print(sum(ratelimit.allow("contribute", [sys.argv[2]]) for _ in range({TRIES})))
"""


def environment(tmp_path, cache_url: str) -> dict:
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    return app_environment(
        tmp_path / "var",
        DATABASE_URL=database,
        CACHE_URL=cache_url,
        RATE_LIMIT_CONTRIBUTIONS=str(LIMIT),
    )


def count_in_two_processes(env: dict, tmp_path) -> list[int]:
    subprocess.run(
        [sys.executable, "-m", "django", "createcachetable"], env=env, check=True, timeout=120
    )
    go, key = tmp_path / "go", f"ip:test-{uuid.uuid4()}"
    processes = [
        subprocess.Popen([sys.executable, "-c", COUNT, str(go), key], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    go.touch()
    counts = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        counts.append(int(out.strip()))
    return counts


@pytest.mark.reaches_database
def test_the_database_cache_counts_across_processes(tmp_path):
    counts = count_in_two_processes(environment(tmp_path, ""), tmp_path)
    assert sum(counts) == LIMIT, counts


def test_redis_counts_across_processes(tmp_path):
    with redis_server(tmp_path) as url:
        counts = count_in_two_processes(environment(tmp_path, url), tmp_path)
    assert sum(counts) == LIMIT, counts


DATABASE_CACHE = {"default": {"BACKEND": "concerto.cache.DatabaseCache", "LOCATION": "test_cache"}}


@pytest.mark.django_db
@override_settings(CACHES=DATABASE_CACHE)
def test_counting_keeps_the_window_where_it_was():
    call_command("createcachetable", verbosity=0)
    cache = caches["default"]
    cache.add("window", 0, timeout=600)
    table = connection.ops.quote_name("test_cache")

    def expires():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT expires FROM {table}")
            return cursor.fetchone()[0]

    before = expires()
    assert [cache.incr("window"), cache.incr("window", 5)] == [1, 6]
    assert expires() == before
    assert cache.get("window") == 6
    with pytest.raises(ValueError):
        cache.incr("never-set")
    cache.set("stale", 3, timeout=-1)
    with pytest.raises(ValueError):
        cache.incr("stale")


def test_redis_counts_in_one_round_trip_and_keeps_the_window(tmp_path):
    """count_in_window pipelines SET NX EX and INCR: the window starts at the first count
    and later counts do not move it; the counts read as the cache's own integers."""
    with redis_server(tmp_path) as url:
        backend = RedisCache(url, {})
        caches["default"] = backend
        try:
            assert count_in_window(["a", "b"], 600) == [1, 1]
            client = backend._cache.get_client(write=True)
            client.expire(backend.make_and_validate_key("a"), 30)
            assert count_in_window(["a", "b"], 600) == [2, 2]
            assert 0 < client.ttl(backend.make_and_validate_key("a")) <= 30
            assert backend.get("a") == 2
        finally:
            del caches["default"]


def test_redis_keeps_values_set_for_good_in_one_mset_and_others_for_their_time(tmp_path):
    """The generations' tokens are set with no timeout: one MSET, and they never expire;
    values set with a timeout expire after it."""
    with redis_server(tmp_path) as url:
        backend = RedisCache(url, {})
        client = backend._cache.get_client(write=True)
        assert backend.set_many({"jeton:a": "1f2e", "jeton:b": 3}, timeout=None) == []
        assert backend.get_many(["jeton:a", "jeton:b"]) == {"jeton:a": "1f2e", "jeton:b": 3}
        assert client.ttl(backend.make_key("jeton:a")) == -1  # no expiry
        assert backend.set_many({"page:c": ["x"]}, timeout=30) == []
        assert backend.get("page:c") == ["x"]
        assert 0 < client.ttl(backend.make_key("page:c")) <= 30

"""While the shared cache is down the platform still answers (issue 28).

A real Redis is killed under a signed-in citizen and a visitor: pages render afresh,
sessions come from the database, rate limits let everyone through, and /sante/ keeps
the server in the pool; started again on the same port, Redis is used again at once.
The backend itself is tested against a port nobody listens on.
"""

import logging
import socket
import time
import uuid

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from concerto import cache as shared_cache
from concerto.accounts.roles import Role
from concerto.cache import RedisCache, caches_setting, session_engine
from concerto.participation.models import Contribution
from tests.factories import open_module, user_with_role
from tests.proposals.conftest import transports
from tests.scaleout.servers import free_port, redis_server, redis_url, start_redis, stop


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def outage_log(monkeypatch):
    """What the backend logs, from a fresh count of failures."""
    now = [1000.0]
    monkeypatch.setattr(shared_cache, "_outage", shared_cache._Outage(clock=lambda: now[0]))
    handler = _Lines()
    logger = logging.getLogger("concerto.cache")
    logger.addHandler(handler)
    yield handler.records, now
    logger.removeHandler(handler)


def backend(url: str) -> RedisCache:
    params = caches_setting(url)["default"]
    return RedisCache(params["LOCATION"], params)


def test_redis_urls_get_the_backend_that_goes_on_without_redis_and_short_timeouts():
    url = "redis://cache.interne:6379/0"
    assert caches_setting(url) == {
        "default": {
            "BACKEND": "concerto.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.5},
        }
    }
    assert session_engine(caches_setting(url)) == "django.contrib.sessions.backends.cached_db"


def test_an_unreachable_redis_reads_as_a_miss_and_skips_writes(outage_log):
    records, now = outage_log
    unreachable = backend(redis_url(free_port()))  # nobody listens there
    assert unreachable.get("k") is None
    assert unreachable.get("k", "défaut") == "défaut"
    assert unreachable.get_many(["a", "b"]) == {}
    assert (unreachable.has_key("k"), "k" in unreachable) == (False, False)
    assert unreachable.get_or_set("k", 5) == 5  # get, add, get
    assert unreachable.set("k", 1) is None
    assert unreachable.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    assert unreachable.add("k", 1) is False
    assert unreachable.touch("k") is False
    assert unreachable.delete("k") is False
    assert unreachable.delete_many(["a", "b"]) is None
    assert unreachable.clear() is False
    with pytest.raises(ValueError, match="not found"):
        unreachable.incr("k")
    with pytest.raises(ValueError, match="not found"):
        unreachable.decr("k")

    # Seventeen failures, one line; the next line, a minute on, counts the others.
    assert [(r.levelname, r.args[0], type(r.args[1]), r.args[2]) for r in records] == [
        ("ERROR", "get", RedisConnectionError, 0),
    ]
    now[0] += shared_cache.LOG_EVERY - 1
    assert unreachable.get("k") is None
    assert len(records) == 1
    now[0] += 1
    assert unreachable.get("k") is None
    assert [(r.levelname, r.args[0], r.args[2]) for r in records] == [
        ("ERROR", "get", 0), ("ERROR", "get", 17),
    ]  # fmt: skip


def test_a_redis_that_never_answers_costs_its_timeout_not_the_request(outage_log):
    """A machine gone or a network cut: the connection may open, no answer comes."""
    records, _now = outage_log
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the kernel accepts the connection; nobody ever reads it
        unresponsive = backend(redis_url(silent.getsockname()[1]))
        started = time.monotonic()
        assert unresponsive.get("k", "défaut") == "défaut"
        waited = time.monotonic() - started
    assert [(r.args[0], type(r.args[1])) for r in records] == [("get", RedisTimeoutError)]
    assert 0.5 <= waited < 2, waited  # socket_timeout, far from the client's default: never


def test_a_redis_error_other_than_unreachable_still_raises(tmp_path, outage_log):
    """Any other error (here, counting a value that is no number) still raises."""
    records, _now = outage_log
    with redis_server(tmp_path) as url:
        reachable = backend(url)
        reachable.set("mot", "texte")
        with pytest.raises(ResponseError):
            reachable.incr("mot")
        assert reachable.get("mot") == "texte"
    assert records == []


def propose(client, module, title: str):
    url = reverse("proposals:module", args=[module.process.slug, module.pk])
    data = {"title": title, "body": "Texte.", "theme": transports().pk,
            "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    return client.post(url, data).status_code


def titles() -> list[str]:
    return list(Contribution.objects.order_by("pk").values_list("title", flat=True))


def session_cached(client) -> bool:
    return cache.has_key(KEY_PREFIX + client.cookies["sessionid"].value)


@pytest.mark.django_db
def test_the_platform_answers_while_redis_is_down_and_uses_it_again_once_back(
    tmp_path, settings, outage_log
):
    records, _now = outage_log
    settings.PARTICIPATION_RATE_LIMITS = {
        **settings.PARTICIPATION_RATE_LIMITS,
        "contribute": (1, 600),
    }
    port = free_port()
    redis = start_redis(tmp_path, port)
    caches = caches_setting(redis_url(port))
    try:
        with override_settings(CACHES=caches, SESSION_ENGINE=session_engine(caches)):
            module, _organiser = open_module("proposals", title="Vos propositions")
            process_page = reverse("processes:public_detail", args=[module.process.slug])
            citizen = user_with_role(Role.CITIZEN)
            signed_in, visitor = Client(), Client()
            signed_in.force_login(citizen)

            # Redis up: the limit holds, the visitor's page is kept, the session cached.
            assert [propose(signed_in, module, t) for t in ("Un", "Deux")] == [302, 429]
            assert titles() == ["Un"]
            assert visitor.get(process_page).status_code == 200
            assert visitor.get(process_page).from_cache is True
            assert signed_in.get("/tableau-de-bord/", follow=True).status_code == 200
            assert session_cached(signed_in) is True

            assert records == []
            redis.kill()
            redis.wait()

            # Redis down: every page answers, afresh; the citizen is still signed in
            # (the session comes from the database); the limit lets them through.
            for page in ("/", process_page):
                response = visitor.get(page)
                assert (response.status_code, hasattr(response, "from_cache")) == (200, False)
            dashboard = signed_in.get("/tableau-de-bord/", follow=True)
            assert (dashboard.status_code, dashboard.wsgi_request.user) == (200, citizen)
            assert [propose(signed_in, module, t) for t in ("Trois", "Quatre")] == [302, 302]
            assert titles() == ["Un", "Trois", "Quatre"]
            health = signed_in.get("/sante/")
            assert (health.status_code, health.json()) == (
                200, {"etat": "dégradé", "base": "ok", "cache": "en panne"}
            )  # fmt: skip

            redis = start_redis(tmp_path, port)  # empty: the counters start again
            assert [record.levelname for record in records] == ["ERROR"]  # once a minute

            # Redis back: used again from the next request on.
            health = signed_in.get("/sante/")
            assert (health.status_code, health.json()) == (
                200, {"etat": "ok", "base": "ok", "cache": "ok"}
            )  # fmt: skip
            assert signed_in.get("/tableau-de-bord/", follow=True).status_code == 200
            assert session_cached(signed_in) is True
            assert visitor.get(process_page).status_code == 200
            assert visitor.get(process_page).from_cache is True
            assert [propose(signed_in, module, t) for t in ("Cinq", "Six")] == [302, 429]
            assert titles() == ["Un", "Trois", "Quatre", "Cinq"]
            assert [record.levelname for record in records] == ["ERROR", "WARNING"]
            assert records[1].getMessage().startswith("Shared cache reachable again")
    finally:
        stop(redis)

"""The load balancer's question to each app server (/sante/)."""

import pytest
from django.db import DatabaseError

from concerto.pages import health

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_200(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"etat": "ok", "base": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_server_that_lost_its_database_answers_503(client, monkeypatch):
    class Broken:
        def __enter__(self):
            raise DatabaseError("connection refused")

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(health.connection, "cursor", lambda: Broken())
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json() == {"etat": "en panne", "base": "en panne", "cache": "ok"}
    assert "refused" not in response.text


def test_a_server_whose_cache_raises_answers_503(client, monkeypatch):
    """A cache that raises (the database cache) would fail every page too."""

    def refuse(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(health.cache, "set", refuse)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json() == {"etat": "en panne", "base": "ok", "cache": "en panne"}


def test_a_server_serving_without_its_cache_stays_in_the_pool(client, monkeypatch):
    """The Redis backend, Redis down, keeps nothing and raises nothing (concerto/cache.py):
    the server still serves, and the stalled-queue watch, whose guards live in the
    cache, is left alone."""
    watched = []
    monkeypatch.setattr(health.cache, "set", lambda *args, **kwargs: None)
    monkeypatch.setattr(health, "check_queue", lambda: watched.append(True))
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"etat": "dégradé", "base": "ok", "cache": "en panne"}
    assert watched == []


def test_a_server_without_database_or_cache_answers_503(client, monkeypatch):
    monkeypatch.setattr(health, "_database", lambda: False)
    monkeypatch.setattr(health.cache, "set", lambda *args, **kwargs: None)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json() == {"etat": "en panne", "base": "en panne", "cache": "en panne"}


def test_two_checks_at_once_both_find_the_cache_healthy(monkeypatch):
    """A second check writing between this one's write and read must not fail it."""
    set_for_real = health.cache.set
    others = []

    def set_then_another_check(*args, **kwargs):
        set_for_real(*args, **kwargs)
        if not others:
            others.append(None)
            others[0] = health._cache()  # the load balancer's other probe, meanwhile

    monkeypatch.setattr(health.cache, "set", set_then_another_check)
    assert health._cache() == health.KEEPS
    assert others == [health.KEEPS]

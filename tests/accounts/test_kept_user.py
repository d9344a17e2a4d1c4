"""A signed-in request reads its user and their memberships from the shared cache, in one
round trip and no query, without the password hash; every change of the account is seen by
the next request, on any app server."""

import pickle

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from concerto.accounts.backends import KeptUserBackend
from concerto.accounts.models import User
from concerto.accounts.roles import Role
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Set-up as a request commits it: what it changed may be kept from then on (nothing
    computed from a change is kept before its commit, generations.settled)."""

    def run(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return run


def kept_values() -> list:
    """Every value the cache keeps for users, unpickled where it is pickled."""
    keys = [key for key in cache._cache.keys() if ":kept:user:" in key]  # LocMemCache's
    return [pickle.loads(cache._cache[key]) for key in keys]


def test_a_signed_in_user_is_read_without_a_query_once_kept(committed):
    agent = committed(lambda: user_with_role(Role.AGENT))
    backend = KeptUserBackend()
    backend.get_user(agent.pk)
    with CaptureQueriesContext(connection) as queries:
        user = backend.get_user(agent.pk)
        assert user.roles == (Role.AGENT, Role.CITIZEN)
        assert user.email == agent.email
    assert len(queries) == 0


def test_the_cache_holds_no_password_hash(committed):
    citizen = committed(lambda: UserFactory(password="un mot de passe assez long"))
    user = KeptUserBackend().get_user(citizen.pk)
    assert "password" not in user.__dict__
    kept = [value for value in kept_values() if isinstance(value[1], User)]
    assert len(kept) == 1
    assert "password" not in kept[0][1].__dict__
    assert citizen.password not in repr(pickle.dumps(kept[0]))
    # Asked for, the password hash is read from the database.
    assert user.password == citizen.password
    assert user.get_session_auth_hash() == citizen.get_session_auth_hash()


def test_the_kept_user_follows_each_save(django_capture_on_commit_callbacks):
    citizen = UserFactory(first_name="Camille")
    backend = KeptUserBackend()
    assert backend.get_user(citizen.pk).first_name == "Camille"
    with django_capture_on_commit_callbacks(execute=True):
        citizen.first_name = "Dominique"
        citizen.save()
    assert backend.get_user(citizen.pk).first_name == "Dominique"
    with django_capture_on_commit_callbacks(execute=True):
        citizen.is_active = False
        citizen.save()
    assert backend.get_user(citizen.pk) is None
    with django_capture_on_commit_callbacks(execute=True):
        citizen.delete()
    assert backend.get_user(citizen.pk) is None
    assert backend.get_user("pas un nombre") is None


def test_a_kept_user_is_not_read_with_another_secret_key(committed):
    citizen = committed(UserFactory)
    first = KeptUserBackend().get_user(citizen.pk)
    with override_settings(SECRET_KEY="une autre clé secrète, au moins cinquante caractères !"):
        with CaptureQueriesContext(connection) as queries:
            other = KeptUserBackend().get_user(citizen.pk)
        assert len(queries) == 1  # the row, read again
        assert other.get_session_auth_hash() != first.get_session_auth_hash()


def test_a_password_changed_ends_the_other_sessions(client, django_capture_on_commit_callbacks):
    citizen = UserFactory(password="un mot de passe assez long")
    client.force_login(citizen)
    assert client.get(reverse("privacy:my_data")).status_code == 200
    assert client.session[SESSION_KEY] == str(citizen.pk)
    with django_capture_on_commit_callbacks(execute=True):
        citizen.set_password("un autre mot de passe assez long")
        citizen.save()
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert SESSION_KEY not in client.session


def test_setting_a_password_on_a_kept_user_computes_its_hash_again():
    citizen = UserFactory(password="un mot de passe assez long")
    user = KeptUserBackend().get_user(citizen.pk)
    before = user.get_session_auth_hash()
    user.set_password("un autre mot de passe assez long")
    assert user.get_session_auth_hash() != before

"""Fixtures and patches shared by the whole suite.

- `_french`, `_fresh_rate_limits`: every test reads French and starts with no rate limit.
- `demo`: the demo world, loaded once per test module.
- `site_url`: links leave on a public address no request comes through (e-mail tests).
- `Client.force_login` also passes the second factor where the role needs one.
- Transactional tests (the browser tests, `django_db(transaction=True)`) end with a fast
  flush (concerto.testing.flush): the rows `post_migrate` writes (content types,
  permissions, Wagtail's page tree, the resource centre) are rebuilt once per session and
  copied back after each later flush, instead of being rebuilt by the signal each time.
- `CONCERTO_DATABASE_TESTS_ONLY`: the CI's second suite (PostgreSQL) leaves out the tests
  no database can change, which the first suite (SQLite) runs.
"""

import os

import pytest
from django.test import Client, TransactionTestCase

from concerto.demo.loading import load_demo
from concerto.testing.flush import flush_to_baseline
from tests.worlds import built_once_per_module

# The fixtures through which a test reaches the database (pytest-django's, and ours).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_setup",
        "live_server",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
    }
)


def reaches_the_database(item) -> bool:
    """Whether the database behind the suite can change this test's outcome: it asks for
    the database, or starts processes that use the suite's (`reaches_database` marker)."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("reaches_database"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """With CONCERTO_DATABASE_TESTS_ONLY set (.ci/run's PostgreSQL suite), run only the
    tests a database can change: the others (engines, parsers, settings, about 670 tests)
    gave their verdict in the SQLite suite of the same run."""
    if not os.environ.get("CONCERTO_DATABASE_TESTS_ONLY"):
        return
    kept, left_out = [], []
    for item in items:
        (kept if reaches_the_database(item) else left_out).append(item)
    config.hook.pytest_deselected(items=left_out)
    items[:] = kept


@pytest.fixture(autouse=True)
def _french(settings):
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo world, loaded once per test module (tests/worlds.py): load_demo() (about
    ten seconds) runs once, each test finds the demo as loaded, a reload of the demo
    included being rolled back after the test that made it. Transactional tests cannot
    share it: they live in modules of their own (tests/demo/test_loading_commits.py)."""
    with built_once_per_module(django_db_blocker):
        with django_db_blocker.unblock():
            load_demo()
        yield


@pytest.fixture
def site_url(settings):
    """The public address e-mailed links must use (concerto.testing.emails.assert_email)."""
    from concerto.testing.emails import SITE_URL

    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache, and every test client shares one address."""
    from django.core.cache import cache

    cache.clear()


def _force_login_with_second_factor(self, user, backend=None):
    """Django's force_login, plus the second factor for the roles that need one: in tests a
    signed-in CIPC advisor or administrator is one who passed both steps, as in real use.
    `force_login_first_factor_only` keeps the bare session, which the platform refuses."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from concerto.identity.signin import requires_second_factor

    _first_factor_only(self, user, backend)
    if requires_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


_first_factor_only = Client.force_login
Client.force_login = _force_login_with_second_factor
Client.force_login_first_factor_only = _first_factor_only


_django_fixture_teardown = TransactionTestCase._fixture_teardown


def _fixture_teardown_to_baseline(self):
    """Django's teardown of a transactional test, with the flush of concerto.testing.flush.
    Tests flushing a subset of apps or restoring serialized data keep Django's own."""
    if self.available_apps is not None or self.serialized_rollback:
        return _django_fixture_teardown(self)
    for db_name in self._databases_names(include_mirrors=False):
        flush_to_baseline(db_name)


TransactionTestCase._fixture_teardown = _fixture_teardown_to_baseline

"""The OpenAPI description, fuzzed: whatever the input, the API never answers 5xx."""

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from concerto.wsgi import application
from tests.api.conftest import api_state, with_rates

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)

RATES = with_rates("100000/hour", "100000/hour")


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI application directly fires the request signals that close
    "old" connections; on PostgreSQL that would close the test's own transaction
    (Django's test client disconnects them the same way)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_state(db, keep_test_connection):
    from tests.followup.conftest import ensure_statuses

    ensure_statuses()
    return api_state()


@pytest.mark.django_db
@override_settings(REST_FRAMEWORK=RATES, DEBUG_PROPAGATE_EXCEPTIONS=False)
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error(case, fuzz_state):
    case.call_and_validate(checks=[not_a_server_error])
    case.call_and_validate(
        checks=[not_a_server_error],
        headers={"Authorization": f"Bearer {fuzz_state.secret}"},
    )

"""The DSFR site configuration is read once, then from the shared cache, until the
admin changes it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from dsfr.models import DsfrConfig

pytestmark = pytest.mark.django_db


def config_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return sum('"dsfr_dsfrconfig"' in query["sql"] for query in queries)


def test_every_page_after_the_first_reads_it_from_the_cache(client):
    assert config_queries(client) == 1
    assert config_queries(client) == 0


def test_a_change_in_the_admin_shows_on_the_next_page(client):
    config_queries(client)
    config, _created = DsfrConfig.objects.get_or_create(language="fr")
    config.accessibility_status = "PART"
    config.save()
    assert "Accessibilité : partiellement conforme" in client.get("/").text
    config.delete()
    assert "Accessibilité : non conforme" in client.get("/").text

"""Every public page of PRODUCT.md answers a visitor within its query budget (issue 28):
made afresh (nothing kept in the cache) on the demo data, each page's queries are
counted and held to the number it takes today. A page that starts querying per row of
a list, or a context processor that queries on every page, shows here by its address;
a page made cheaper lowers its budget."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from tests.pages.test_public_addresses import ADDRESSES, AGENTS_ONLY, NOT_BUILT

# Queries a visitor's page takes when made afresh on the demo data.
# (The one query of the plain pages reads the site's DSFR settings, which the cleared
# cache kept otherwise.)
BUDGETS = {
    "/": 6,
    "/dispositifs/": 7,
    # One more than the page in one piece: its frame reads the process's title and status
    # on every request, its body (kept for all readers) the whole row on a miss.
    "/dispositifs/<slug>/": 9,
    "/dispositifs/<slug>/suites/": 11,
    "/dispositifs/<slug>/synthese/": 5,
    "/agenda/": 3,
    "/suivi/": 5,
    "/chiffres/": 14,
    "/ressources/": 12,
    "/formations/": 2,
    "/accompagnement/": 1,
    "/recommandations/": 3,
    "/donnees/": 2,
    "/api/": 1,
    "/api/openapi.json": 0,
    "/accessibilite/": 1,
    "/mentions-legales/": 1,
    "/donnees-personnelles/": 1,
    "/plan-du-site/": 1,
}


def _visited() -> list[str]:
    return [a for a in ADDRESSES if a not in AGENTS_ONLY and a not in NOT_BUILT]


@pytest.mark.parametrize("address", _visited())
def test_a_public_page_keeps_to_its_query_budget(demo, db, address):
    process = Process.objects.filter(status=Status.OPEN).order_by("pk").first()
    url = address.replace("<slug>", process.slug)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, follow=True)
    assert response.status_code == 200
    assert len(queries) <= BUDGETS[address], [q["sql"][:120] for q in queries]


def test_every_public_page_has_a_budget():
    assert sorted(BUDGETS) == sorted(_visited())

"""The accessibility statement follows the RGAA model and states the platform's own
checks (concerto/pages/accessibility.py): the pages the browser suite checked, the tool
and its version, the browser, the widths and the date."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from concerto.frenchdates import french_date
from concerto.pages.accessibility import checks
from tests.browser.accessibility_report import UNKNOWN, address_of

pytestmark = pytest.mark.django_db

RGAA_SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Établissement de cette déclaration",
    "Retour d'information et contact",
    "Voies de recours",
]


def test_the_statement_has_the_rgaa_models_sections_and_states_the_checks():
    html = Client().get("/accessibilite/").content.decode()
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)
    assert [unescape(heading) for heading in headings] == RGAA_SECTIONS
    report = checks()
    assert f"Cette déclaration a été établie le {french_date(report['checked_on'])}," in html
    assert f"vérifient {len(report['pages'])} pages avec axe-core {report['tool_version']}" in html
    assert f"{report['browser']}, piloté par Playwright" in html
    rows = re.findall(r"<tr><td>([^<]+)</td><td>", html)
    assert [unescape(row) for row in rows] == [page["address"] for page in report["pages"]]
    assert 'href="https://formulaire.defenseurdesdroits.fr/"' in html


def test_every_checked_address_is_one_of_the_platform():
    report = checks()
    assert len(report["pages"]) >= 100, "write the report from the whole browser suite"
    assert report["tool"] == "axe-core" and report["tool_version"]
    addresses = set(_addresses(get_resolver().url_patterns))
    unknown = [
        page["address"]
        for page in report["pages"]
        if page["address"] != UNKNOWN and page["address"] not in addresses
    ]
    assert unknown == []


def _addresses(patterns, prefix: str = ""):
    """Every address of the URL configuration, named as the report names them."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _addresses(pattern.url_patterns, route)
        else:
            yield address_of(route)

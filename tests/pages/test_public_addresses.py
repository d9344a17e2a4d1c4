"""The public addresses of PRODUCT.md stay stable: each answers, or redirects
permanently to where its page now lives (issue 24)."""

import re
from pathlib import Path

import pytest
from django.test import Client

from concerto.accounts.models import User
from concerto.analysis.models import Synthesis
from concerto.demo.loading import load_demo
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from tests.analysis.test_followup_link import published_synthesis
from tests.followup.conftest import closed_process

pytestmark = pytest.mark.django_db

PRODUCT = Path(__file__).resolve().parents[3] / "shared" / "PRODUCT.md"
# The table of PRODUCT.md, "Public addresses" (checked against the file when present).
ADDRESSES = [
    "/", "/dispositifs/", "/dispositifs/<slug>/", "/dispositifs/<slug>/suites/",
    "/dispositifs/<slug>/synthese/", "/agenda/", "/suivi/", "/chiffres/", "/ressources/",
    "/formations/", "/accompagnement/", "/marche-public/", "/recommandations/", "/donnees/",
    "/lettre-d-information/", "/api/", "/api/openapi.json", "/accessibilite/",
    "/mentions-legales/", "/donnees-personnelles/", "/plan-du-site/",
]  # fmt: skip
# Pages for agents: walked signed in as one.
AGENTS_ONLY = {"/marche-public/"}
# Addresses of capabilities not built yet, with the issue that builds them.
NOT_BUILT = {"/lettre-d-information/": "issue 25, the newsletter"}


def test_the_list_is_the_one_of_product_md():
    if not PRODUCT.exists():
        pytest.skip("../shared/PRODUCT.md is not here")
    table = PRODUCT.read_text(encoding="utf-8").split("## Public addresses", 1)[1]
    table = table.split("\n## ", 1)[0]
    assert re.findall(r"`(/[^`]*)`", table) == ADDRESSES


def walk(client: Client, address: str) -> tuple[list[tuple[int, str]], int]:
    """The redirects followed from `address`, and the final status."""
    response = client.get(address, follow=True)
    return [(status, url) for url, status in response.redirect_chain], response.status_code


def test_every_public_address_answers_or_moved_permanently():
    load_demo()
    process = Process.objects.filter(status=Status.OPEN).order_by("pk").first()
    agent = Client()
    agent.force_login(User.objects.get(email="agent.sante@exemple.gouv.fr"))
    for address in ADDRESSES:
        url = address.replace("<slug>", process.slug)
        chain, status = walk(agent if address in AGENTS_ONLY else Client(), url)
        if address in NOT_BUILT:
            assert status == 404, (address, "built now: take it out of NOT_BUILT")
            continue
        assert status == 200, (address, chain, status)
        assert all(code == 301 for code, _ in chain), (address, chain)
    chain, status = walk(agent, "/marche-public/")
    assert (chain, status) == ([(301, "/accord-cadre/")], 200)


def test_the_openapi_description_is_json():
    response = Client().get("/api/openapi.json")
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response.json()["openapi"].startswith("3.")


def test_the_synthesis_address_of_a_process_leads_to_its_syntheses(client):
    closed = closed_process()
    url = f"/dispositifs/{closed.process.slug}/synthese/"
    assert "Aucune synthèse n'a encore été publiée" in client.get(url).text
    synthesis = published_synthesis(closed)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, synthesis.get_absolute_url())
    assert Synthesis.objects.count() == 1

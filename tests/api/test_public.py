import pytest
from django.test import override_settings
from django.utils import timezone

from concerto.opendata.anonymise import contribution_author_id
from concerto.processes.lifecycle import Status
from tests.api.conftest import with_rates

pytestmark = pytest.mark.django_db


def test_processes_lists_only_published_ones(state, client):
    from tests.factories import complete_process

    complete_process(title="Brouillon")
    data = client.get("/api/v1/dispositifs/").json()
    assert [item["title"] for item in data["results"]] == ["Concertation sur le plan vélo"]
    item = data["results"][0]
    assert item["status"] == Status.OPEN
    assert item["ministry"]["slug"] == state.process.ministry.slug
    assert item["url"] == f"http://testserver/dispositifs/{state.process.slug}/"
    assert data["previous"] is None


def test_processes_filter_by_status_and_ministry(state, client):
    ministry = state.process.ministry.slug
    assert len(client.get(f"/api/v1/dispositifs/?statut=open&ministere={ministry}").json()[
        "results"]) == 1  # fmt: skip
    assert client.get("/api/v1/dispositifs/?statut=closed").json()["results"] == []
    response = client.get("/api/v1/dispositifs/?statut=nimporte")
    assert response.status_code == 400
    assert list(response.json()) == ["statut"]


def test_contributions_are_anonymised_and_hidden_ones_left_out(state, client):
    data = client.get("/api/v1/contributions/").json()
    assert [item["body"] for item in data["results"]] == ["Texte 2", "Texte 1"]
    expected = contribution_author_id(state.contributions[0], state.process.pk)
    assert {item["author"] for item in data["results"]} == {expected}
    assert all(state.citizen.email not in str(item) for item in data["results"])
    assert client.get(f"/api/v1/contributions/{state.hidden.pk}/").status_code == 404


def test_contributions_are_cursor_paginated_and_filtered(state, client):
    first = client.get("/api/v1/contributions/?taille=1").json()
    assert [item["body"] for item in first["results"]] == ["Texte 2"]
    second = client.get(first["next"]).json()
    assert [item["body"] for item in second["results"]] == ["Texte 1"]
    assert second["next"] is None
    later = timezone.now().replace(year=timezone.now().year + 1).isoformat()
    assert client.get("/api/v1/contributions/", {"depuis": later}).json()["results"] == []
    assert client.get("/api/v1/contributions/?depuis=hier").status_code == 400
    assert client.get("/api/v1/contributions/?curseur=x&cursor=zzz").status_code == 404
    assert client.get(f"/api/v1/contributions/?module={state.module.pk}").json()["results"]
    assert client.get("/api/v1/contributions/?module=99999999999999999").status_code == 400


def test_modules_answers_and_figures(state, client):
    modules = client.get(f"/api/v1/modules/?dispositif={state.process.pk}").json()["results"]
    assert [(m["kind"], m["title"]) for m in modules] == [("proposals", "Donnez votre avis")]
    assert client.get("/api/v1/reponses/").json()["results"] == []
    figures = client.get("/api/v1/chiffres/").json()
    assert [f["ministry_slug"] for f in figures] == [state.process.ministry.slug]
    assert figures[0]["contributions"] == 2


def test_the_schema_and_the_documentation_page(state, client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert sorted(schema["paths"]) == [
        "/api/v1/chiffres/", "/api/v1/contributions/", "/api/v1/contributions/{id}/",
        "/api/v1/dispositifs/", "/api/v1/dispositifs/{id}/", "/api/v1/modules/",
        "/api/v1/modules/{id}/", "/api/v1/reponses/", "/api/v1/reponses/publication/",
        "/api/v1/reponses/{id}/",
    ]  # fmt: skip
    assert schema["paths"]["/api/v1/dispositifs/"]["get"]["security"] == [{}]
    assert schema["paths"]["/api/v1/contributions/"]["post"]["security"] == [
        {"jetonOrganisation": []}
    ]
    page = client.get("/api/").content.decode()
    assert "/api/v1/contributions/" in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


@override_settings(REST_FRAMEWORK=with_rates("2/hour", "2/hour"))
def test_anonymous_reads_are_rate_limited(state, client):
    assert client.get("/api/v1/modules/").status_code == 200
    assert client.get("/api/v1/modules/").status_code == 200
    assert client.get("/api/v1/modules/").status_code == 429


@override_settings(REST_FRAMEWORK=with_rates("2/hour", "2/hour"))
def test_a_forged_forwarded_for_does_not_escape_the_anonymous_limit(state, client):
    for forged in ("198.51.100.1", "198.51.100.2"):
        assert client.get("/api/v1/modules/", HTTP_X_FORWARDED_FOR=forged).status_code == 200
    assert client.get("/api/v1/modules/", HTTP_X_FORWARDED_FOR="198.51.100.3").status_code == 429


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], REST_FRAMEWORK=with_rates("2/hour", "2/hour"))
def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(state, client):
    for _ in range(2):
        assert (
            client.get("/api/v1/modules/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
        )
    assert client.get("/api/v1/modules/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert client.get("/api/v1/modules/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200

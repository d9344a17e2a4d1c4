"""Static files under hashed names, and no failed page when one was not collected."""

import json

import pytest
from django.core.files.storage import storages
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "concerto.staticstorage.StaticFilesStorage"},
}


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = PRODUCTION_STATIC
    return tmp_path


def test_a_collected_file_is_named_after_its_content(production_static):
    manifest = {
        "version": "1.1",
        "hash": "0",
        "paths": {"concerto/app.css": "concerto/app.5e1f.css"},
    }
    (production_static / "staticfiles.json").write_text(json.dumps(manifest))
    storages["staticfiles"].load_manifest()
    assert static("concerto/app.css") == "/static/concerto/app.5e1f.css"


def test_without_collectstatic_pages_still_render(production_static, client):
    assert static("concerto/app.css") == "/static/concerto/app.css"
    assert client.get("/").status_code == 200
    assert client.get("/connexion/").status_code == 200


def test_a_missing_file_is_told_once_not_on_every_page(production_static, caplog):
    for _page in range(3):
        static("concerto/app.css")
        static("concerto/other.css")
    told = [r.getMessage() for r in caplog.records if "not collected" in r.getMessage()]
    assert told == [
        "Static file concerto/app.css is not collected: run `concerto collectstatic`",
        "Static file concerto/other.css is not collected: run `concerto collectstatic`",
    ]

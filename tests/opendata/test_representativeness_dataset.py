"""The open-data dataset of published representativeness pages: what the page's CSV says."""

import csv
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from frictionless import Resource, Schema

from concerto.opendata.datasets import BY_NAME
from concerto.opendata.datasets.representativeness import REPRESENTATIVENESS
from concerto.opendata.publish import publish
from concerto.representativeness import actions
from tests.factories import open_module
from tests.representativeness.conftest import citizens

pytestmark = pytest.mark.django_db


def _published_rows(tmp_path) -> list[dict]:
    publication = publish()
    for suffix in (".csv", ".schema.json"):
        name = f"representativite{suffix}"
        with default_storage.open(f"{publication.folder}/{name}", "rb") as handle:
            (tmp_path / name).write_bytes(handle.read())
    schema = Schema.from_descriptor(
        json.loads((tmp_path / "representativite.schema.json").read_text(encoding="utf-8"))
    )
    resource = Resource(path="representativite.csv", schema=schema, basepath=str(tmp_path))
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    with (tmp_path / "representativite.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_only_published_pages_and_exactly_the_page_download(client, tmp_path):
    assert BY_NAME["representativite"] is REPRESENTATIVENESS
    module, organiser = open_module("proposals")
    process = module.process
    actions.configure_profile(
        process, actor=organiser, questions=["gender", "commune_type"], alert_percent=80
    )
    for index, citizen in enumerate(citizens(23)):
        actions.answer_profile(process, user=citizen, answers={
            "gender": "woman" if index < 12 else ("man" if index < 22 else "other"),
            "commune_type": "urban" if index < 20 else "rural",
        })  # fmt: skip
    assert _published_rows(tmp_path) == []  # the organiser has not published the page

    actions.set_published(process, actor=organiser, published=True)
    rows = _published_rows(tmp_path)
    assert [(r["question"], r["categorie"], r["effectif"]) for r in rows] == [
        ("gender", "woman", "12"), ("gender", "man", "10"),
        ("commune_type", "urban", ""), ("commune_type", "rural", ""),  # 3 < 10, and by difference
    ]  # fmt: skip
    woman = rows[0]
    assert (woman["dispositif_id"], woman["dispositif"]) == (str(process.pk), process.slug)
    assert (woman["repondants"], woman["part_pct"], woman["indice_question"]) == (
        "22", "54.5", "0.971",
    )  # fmt: skip
    assert woman["sous_represente"] == "non" and woman["publie_le"].endswith("Z")
    # The page's own download has the same columns and values, less the dataset's own.
    client.force_login(organiser)
    download = client.get(reverse("representativeness:download", args=[process.slug]))
    page_rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    own = {"dispositif_id", "dispositif", "publie_le"}
    assert page_rows == [{k: v for k, v in row.items() if k not in own} for row in rows]

    actions.set_published(process, actor=organiser, published=False)
    assert _published_rows(tmp_path) == []

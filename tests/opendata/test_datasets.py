import csv
import io
import json
from datetime import UTC, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from frictionless import Package, Resource, Schema

from concerto.followup import actions as followup_actions
from concerto.followup.models import AnswerLevel
from concerto.opendata.anonymise import contribution_author_id
from concerto.opendata.datasets import DATASETS
from concerto.opendata.models import Publication
from concerto.opendata.publish import publish
from concerto.panels.models import Panel, Quota
from concerto.participation.models import Contribution, ContributionKind
from concerto.proposals.models import Support
from tests.factories import complete_process, open_module
from tests.followup.conftest import closed_process, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_state():
    """A closed process with proposals, a hidden comment, supports, a published answer and
    a published panel; a second process where one of the same citizens took part; a draft."""
    closed = closed_process()
    alice, bob, chloe = closed.citizens
    Contribution.objects.create(
        module=closed.module, kind=ContributionKind.COMMENT, author=alice,
        parent=closed.proposals[1], body="Bonne idée.",
    )  # fmt: skip
    Contribution.objects.create(
        module=closed.module, kind=ContributionKind.COMMENT, author=bob,
        body="Propos injurieux 06 12 34 56 78", status=Contribution.Status.HIDDEN,
        hidden_reason="insult",
    )  # fmt: skip
    Support.objects.create(proposal=closed.proposals[0], user=bob)
    Support.objects.create(proposal=closed.proposals[0], user=chloe)
    followup_actions.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"),
                "text": "Retenue : 200 km de pistes."},
        contributions=closed.proposals[:2],
    )  # fmt: skip
    followup_actions.publish_answers(closed.process, actor=closed.sponsor)
    panel = Panel.objects.create(
        process=closed.process, name="Panel vélo", size=2, status=Panel.Status.PUBLISHED,
        retention_date=timezone.localdate() + timedelta(days=90), pool_size=10,
        pool_counts={"âge": {"18-34 ans": 6, "35 ans et plus": 4}},
        selected_counts={"âge": {"18-34 ans": 1, "35 ans et plus": 1}},
        seed="graine-publique", lottery_digest="ab" * 32, min_probability=0.2,
        published_at=timezone.now(),
    )  # fmt: skip
    Quota.objects.create(panel=panel, category="âge", value="18-34 ans", min=1, max=1)
    Quota.objects.create(panel=panel, category="âge", value="35 ans et plus", min=1, max=1)
    other_module, _ = open_module("proposals", title="Autre module")
    other = Contribution.objects.create(
        module=other_module, kind=ContributionKind.PROPOSAL, author=alice, body="Ailleurs."
    )
    complete_process(title="Brouillon jamais publié")
    return closed, other


def _files(publication: Publication, tmp_path):
    """Copy the published files out of the (in-memory) storage for frictionless."""
    for name in ["datapackage.json"] + [
        f"{d.name}{suffix}" for d in DATASETS for suffix in (".csv", ".json", ".schema.json")
    ]:
        with default_storage.open(f"{publication.folder}/{name}", "rb") as handle:
            (tmp_path / name).write_bytes(handle.read())


def _rows(tmp_path, name):
    with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_dataset_validates_against_its_schema(public_state, tmp_path):
    publication = publish()
    _files(publication, tmp_path)
    for dataset in DATASETS:
        schema = Schema.from_descriptor(
            json.loads((tmp_path / f"{dataset.name}.schema.json").read_text(encoding="utf-8"))
        )
        resource = Resource(path=f"{dataset.name}.csv", schema=schema, basepath=str(tmp_path))
        report = resource.validate()
        assert report.valid, (dataset.name, report.flatten(["rowNumber", "fieldName", "note"]))
    package = Package("datapackage.json", basepath=str(tmp_path))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    assert publication.summary["dispositifs"]["rows"] == 2
    assert {name: entry["rows"] for name, entry in publication.summary.items()} == {
        "dispositifs": 2, "avis-cipc": 2, "contributions": 5, "propositions": 4,
        "suggestions-texte": 0, "texte-passages": 0, "reponses": 1,
        "chiffres-suivi": 2, "panels": 2, "representativite": 0,
    }  # fmt: skip


def test_contributions_are_anonymised_and_hidden_ones_left_out(public_state, tmp_path):
    closed, other = public_state
    _files(publish(), tmp_path)
    rows = _rows(tmp_path, "contributions")
    assert [row["texte"] for row in rows] == [
        "Des pistes cyclables partout.", "Des pistes cyclables partout.",
        "Des pistes cyclables partout.", "Bonne idée.", "Ailleurs.",
    ]  # fmt: skip
    assert not any("injurieux" in row["texte"] for row in rows)
    header = list(rows[0])
    assert "auteur_pseudonyme" in header
    assert not {"auteur", "pseudonyme", "email", "author"} & set(header)
    alice = closed.citizens[0]
    by_id = {int(row["id"]): row for row in rows}
    alice_ids = {
        by_id[c.pk]["auteur_pseudonyme"]
        for c in Contribution.objects.filter(author=alice, module__process=closed.process)
    }
    assert len(alice_ids) == 1  # stable within a process
    assert by_id[other.pk]["auteur_pseudonyme"] not in alice_ids  # unlinkable across processes
    assert by_id[other.pk]["auteur_pseudonyme"] == contribution_author_id(
        other, other.module.process_id
    )
    assert len({row["auteur_pseudonyme"] for row in rows}) == 4
    assert str(alice.pk) not in alice_ids


def test_proposals_carry_their_supports_and_answers_their_statuses(public_state, tmp_path):
    closed, _other = public_state
    _files(publish(), tmp_path)
    supports = {int(r["id"]): int(r["soutiens"]) for r in _rows(tmp_path, "propositions")}
    assert supports[closed.proposals[0].pk] == 2
    assert supports[closed.proposals[1].pk] == 0
    (answer,) = _rows(tmp_path, "reponses")
    assert answer["statut"] == "retained"
    assert answer["reponse"] == "Retenue : 200 km de pistes."
    assert answer["contributions"] == f"{closed.proposals[0].pk};{closed.proposals[1].pk}"
    assert answer["publiee_le"].endswith("Z")
    panels = _rows(tmp_path, "panels")
    assert [(r["valeur"], r["vivier"], r["tires"]) for r in panels] == [
        ("18-34 ans", "6", "1"), ("35 ans et plus", "4", "1"),
    ]  # fmt: skip


def test_json_files_carry_producer_licence_and_date(public_state, tmp_path):
    moment = timezone.now().replace(microsecond=0)
    publication = publish(now=moment)
    _files(publication, tmp_path)
    data = json.loads((tmp_path / "reponses.json").read_text(encoding="utf-8"))
    assert data["producteur"] == "Centre interministériel de la participation citoyenne (DITP)"
    assert data["licence"] == "Licence Ouverte / Etalab 2.0"
    assert data["date_generation"] == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert data["schema"] == "reponses.schema.json"
    assert len(data["donnees"]) == 1
    # A retained answer without a milestone has no percentage (issue 23).
    assert data["donnees"][0]["avancement"] is None
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["title"] == "Licence Ouverte / Etalab 2.0"
    assert package["created"] == data["date_generation"]
    schema = json.loads((tmp_path / "contributions.schema.json").read_text(encoding="utf-8"))
    assert schema["fields"][0] == {
        "name": "id", "type": "integer", "description": "Identifiant de la contribution.",
        "constraints": {"required": True, "unique": True},
    }  # fmt: skip


def test_the_command_publishes_and_the_page_serves_the_files(public_state, client, capsys):
    call_command("opendata", "publish")
    assert capsys.readouterr().out.startswith("Données ouvertes générées : opendata/")
    page = client.get(reverse("opendata:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Licence Ouverte / Etalab 2.0" in html
    assert "contributions.csv" in html
    response = client.get(reverse("opendata:download", args=["dispositifs.csv"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["titre"] for row in rows] == ["Concertation sur le plan vélo"] * 2
    assert client.get("/donnees/fichiers/secret.txt").status_code == 404


def test_only_two_publications_are_kept(db):
    for _ in range(3):
        publish()
    assert Publication.objects.count() == 2


def test_the_page_says_when_nothing_is_published_yet(client, db):
    response = client.get(reverse("opendata:index"))
    assert "Les données n'ont pas encore été générées" in response.content.decode()
    assert client.get(reverse("opendata:download", args=["dispositifs.csv"])).status_code == 404


def test_the_feed_lists_published_processes(public_state, client):
    response = client.get(reverse("opendata:processes_feed"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<entry>") == 2
    assert "Brouillon jamais publié" not in body

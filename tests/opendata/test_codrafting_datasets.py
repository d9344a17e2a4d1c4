"""The co-drafting datasets: suggestions on texts and the units of their versions."""

import csv
import json
import uuid

import pytest
from django.core.files.storage import default_storage
from frictionless import Resource, Schema

from concerto.codrafting import actions
from concerto.codrafting.actions.answers import Decision, answer_suggestion
from concerto.codrafting.imports import DEFAULT_FOLDER, import_republique_numerique
from concerto.followup import actions as followup_actions
from concerto.followup import closing
from concerto.opendata.datasets import BY_NAME
from concerto.opendata.datasets.codrafting import SUGGESTIONS, UNITS
from concerto.opendata.publish import publish
from concerto.processes.lifecycle import Status
from concerto.proposals.actions import argue_proposal, support_proposal
from tests.factories import UserFactory, complete_process, open_module, walk_to
from tests.followup.conftest import ensure_statuses

pytestmark = pytest.mark.django_db

DRAFT = """\
# Projet de loi

## Chapitre Ier - Données

### Article 1er

Les administrations publient leurs documents.

Cette publication est gratuite.

### Article 2

Les données de référence sont ouvertes.
"""


def key():
    return uuid.uuid4()


@pytest.fixture
def codrafted():
    """A published five-paragraph draft, a rewording (supported twice, argued for and
    against, answered and published) and a new article; a second version in preparation."""
    ensure_statuses()
    process = complete_process()
    referent, _advisor = walk_to(process, Status.OPEN)
    module, organiser = open_module("text", process=process, title="Projet de loi")
    version, _ = actions.import_draft(module, actor=organiser, data=DRAFT, format="markdown")
    version = actions.publish_version(version, actor=organiser)
    alice, bruno, chloe = UserFactory(), UserFactory(), UserFactory()
    paragraph = version.units.filter(kind="paragraph").order_by("position").first()
    article_2 = version.units.get(kind="article", label="Article 2")
    reword, _ = actions.suggest_rewording(
        paragraph, author=alice, text="Les administrations publient tous leurs documents.",
        idempotency_key=key(),
    )  # fmt: skip
    new_article, _ = actions.suggest_article(
        article_2, author=bruno, heading="Entrée en vigueur", text="Au 1er janvier.",
        idempotency_key=key(),
    )  # fmt: skip
    actions.start_version(module, actor=organiser)  # unpublished: not in the open data
    support_proposal(reword, user=bruno)
    support_proposal(reword, user=chloe)
    argue_proposal(reword, author=bruno, stance="for", body="Plus clair.", idempotency_key=key())
    argue_proposal(
        reword, author=chloe, stance="against", body="Trop large.", idempotency_key=key()
    )
    argue_proposal(reword, author=chloe, stance="for", body="Utile.", idempotency_key=key())
    closing.close_participation(process, actor=referent)
    process.refresh_from_db()
    answer_suggestion(
        reword, actor=organiser, decision=Decision.ACCEPTED, text="Retenue dans la version 2."
    )
    followup_actions.publish_answers(process, actor=process.sponsor)
    return module, version, reword, new_article, alice


def _validate(publication, tmp_path, dataset):
    for suffix in (".csv", ".schema.json"):
        name = f"{dataset.name}{suffix}"
        with default_storage.open(f"{publication.folder}/{name}", "rb") as handle:
            (tmp_path / name).write_bytes(handle.read())
    schema = Schema.from_descriptor(
        json.loads((tmp_path / f"{dataset.name}.schema.json").read_text(encoding="utf-8"))
    )
    resource = Resource(path=f"{dataset.name}.csv", schema=schema, basepath=str(tmp_path))
    report = resource.validate()
    assert report.valid, (dataset.name, report.flatten(["rowNumber", "fieldName", "note"]))
    with (tmp_path / f"{dataset.name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_datasets_are_published(db):
    assert BY_NAME["suggestions-texte"] is SUGGESTIONS
    assert BY_NAME["texte-passages"] is UNITS


def test_suggestions_and_units_validate_and_say_what_they_should(codrafted, tmp_path):
    module, version, reword, new_article, alice = codrafted
    publication = publish()
    suggestions = {int(row["id"]): row for row in _validate(publication, tmp_path, SUGGESTIONS)}
    assert set(suggestions) == {reword.pk, new_article.pk}
    row = suggestions[reword.pk]
    assert (row["version"], row["article"], row["repere"], row["action"]) == (
        "1", "Article 1er", "c1.a1.p1", "reword",
    )  # fmt: skip
    assert row["texte_origine"] == "Les administrations publient leurs documents."
    assert row["texte_propose"] == "Les administrations publient tous leurs documents."
    assert (row["soutiens"], row["arguments_pour"], row["arguments_contre"]) == ("2", "2", "1")
    assert row["reponse_statut"] == "retained" and row["reponse_le"].endswith("Z")
    assert row["votes_ancienne_plateforme_pour"] == ""
    other = suggestions[new_article.pk]
    assert (other["action"], other["article"], other["titre_propose"]) == (
        "new_article", "Article 2", "Entrée en vigueur",
    )  # fmt: skip
    assert (other["soutiens"], other["reponse_statut"], other["reponse_le"]) == ("0", "", "")
    # No personal data: no author column, no name anywhere.
    assert not any("auteur" in name for name in SUGGESTIONS.field_names)
    text = (tmp_path / "suggestions-texte.csv").read_text(encoding="utf-8")
    assert alice.last_name not in text and alice.email not in text

    units = _validate(publication, tmp_path, UNITS)
    # Only the published version 1: version 2 is being prepared.
    assert {row["version"] for row in units} == {"1"}
    assert [(row["type"], row["repere"]) for row in units] == [
        (unit.kind, unit.key) for unit in version.units.order_by("position")
    ]
    assert [row["type"] for row in units].count("paragraph") == 3
    first = next(row for row in units if row["repere"] == "c1.a1.p1")
    assert first["texte"] == "Les administrations publient leurs documents."
    assert first["ouvert"] == "true"


@pytest.mark.skipif(
    not (DEFAULT_FOLDER / "opinions.jsonl").is_file(),
    reason=f"the shared République numérique sample is not at {DEFAULT_FOLDER}",
)
def test_the_republique_numerique_import_validates(tmp_path):
    module, organiser = open_module("text", title="République numérique")
    import_republique_numerique(module, actor=organiser)
    publication = publish()
    rows = _validate(publication, tmp_path, SUGGESTIONS)
    # The four opinions trashed on the platform are hidden: not published.
    assert len(rows) == 666 - 4
    row = next(row for row in rows if row["titre_propose"].startswith("Couverture numérique des"))
    assert (row["article"], row["action"], row["arguments_pour"], row["arguments_contre"]) == (
        "Article 25", "new_article", "4", "7",
    )  # fmt: skip
    assert (
        row["votes_ancienne_plateforme_pour"],
        row["votes_ancienne_plateforme_contre"],
        row["votes_ancienne_plateforme_mitiges"],
    ) == ("25", "72", "9")
    assert row["deposee_le"] == "2015-09-26T12:05:04Z"
    units = _validate(publication, tmp_path, UNITS)
    assert [row["type"] for row in units].count("article") == 30

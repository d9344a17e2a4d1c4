"""Writing the open-data files: per dataset a CSV (UTF-8, comma), a JSON copy and its
TableSchema, plus a datapackage.json describing them all with the producer, the
licence and the generation date.

Rows are streamed to temporary files, so memory stays flat whatever the volume;
the new folder becomes current only once every file is written.
"""

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.downloads import csv_writer
from concerto.opendata.datasets import DATASETS, Dataset
from concerto.opendata.datasets.base import csv_value, iso, json_value
from concerto.opendata.models import Publication

ROOT = "opendata"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Etalab 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
KEEP_PUBLICATIONS = 2
FORMATS = ("csv", "json", "schema")
# The formula-injection convention of concerto.downloads.safe_cell, told to re-users in
# every schema and in the datapackage.
CSV_CONVENTION = gettext_lazy(
    "Dans le fichier CSV, une cellule de texte qui commence (apostrophes initiales mises à "
    "part) par =, +, -, @, une tabulation ou un retour chariot reçoit une apostrophe (') de "
    "plus en tête, pour qu'un tableur ne l'exécute pas comme une formule (recommandation "
    "de l'OWASP contre l'injection de formules) ; les nombres écrits en chiffres (-3, "
    "+33 1 23 45 67) restent tels quels. Pour retrouver le texte d'origine, retirez cette "
    "apostrophe ; la copie JSON donne le texte sans changement."
)


def described(description) -> str:
    """A dataset's description followed by the CSV convention."""
    return f"{description} {CSV_CONVENTION}"


def filename(dataset_name: str, fmt: str) -> str:
    return {
        "csv": f"{dataset_name}.csv",
        "json": f"{dataset_name}.json",
        "schema": f"{dataset_name}.schema.json",
    }[fmt]


def metadata(generated_at) -> dict:
    return {
        "producteur": settings.OPENDATA_PRODUCER,
        "licence": LICENCE["title"],
        "licence_url": LICENCE["path"],
        "date_generation": iso(generated_at),
    }


def _write_dataset(dataset: Dataset, folder: Path, generated_at) -> tuple[int, int | None]:
    """Write the dataset's CSV, JSON and schema; returns its row count and greatest id
    (None without an "id" key), by which deletions are noticed (opendata.freshness)."""
    names = dataset.field_names
    count = 0
    max_id = None
    csv_path = folder / filename(dataset.name, "csv")
    json_path = folder / filename(dataset.name, "json")
    with (
        csv_path.open("w", encoding="utf-8", newline="") as csv_file,
        json_path.open("w", encoding="utf-8") as json_file,
    ):
        writer = csv_writer(csv_file, delimiter=",", lineterminator="\r\n")
        writer.writerow(names)
        header = {
            **metadata(generated_at),
            "jeu_de_donnees": dataset.name,
            "titre": str(dataset.title),
            "schema": filename(dataset.name, "schema"),
        }
        # The wrapper's metadata first, then the rows streamed one by one.
        json_file.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "donnees": [')
        for row in dataset.rows():
            writer.writerow([csv_value(row[name]) for name in names])
            json_row = {name: json_value(row[name]) for name in names}
            json_file.write(
                ("," if count else "") + "\n" + json.dumps(json_row, ensure_ascii=False)
            )
            count += 1
            if dataset.primary_key == ("id",):
                max_id = row["id"] if max_id is None else max(max_id, row["id"])
        json_file.write("\n]}\n")
    schema = {
        **dataset.schema(),
        "title": str(dataset.title),
        "description": described(dataset.description),
    }
    (folder / filename(dataset.name, "schema")).write_text(
        json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return count, max_id


def datapackage(generated_at, counts: dict[str, int]) -> dict:
    return {
        "name": "concerto-participation-citoyenne",
        "title": _("Participation citoyenne de l'État (Concerto)"),
        "description": described(
            _(
                "Dispositifs participatifs, avis du CIPC, contributions anonymisées, "
                "propositions, réponses du devoir de suite, chiffres par ministère et "
                "statistiques des panels."
            )
        ),
        "licenses": [LICENCE],
        "contributors": [{"title": settings.OPENDATA_PRODUCER, "role": "publisher"}],
        "created": iso(generated_at),
        "resources": [
            {
                "name": dataset.name,
                "path": filename(dataset.name, "csv"),
                "title": str(dataset.title),
                "description": described(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ","},
                "schema": filename(dataset.name, "schema"),
                "licenses": [LICENCE],
                "lignes": counts[dataset.name],
            }
            for dataset in DATASETS
        ],
    }


def publish(now=None) -> Publication:
    """Generate every dataset into a new folder and make it the current publication."""
    generated_at = now or timezone.now()
    folder = f"{ROOT}/{generated_at.strftime('%Y%m%dT%H%M%S%f')}"
    summary: dict[str, dict] = {}
    counts: dict[str, int] = {}
    max_ids: dict[str, int | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for dataset in DATASETS:
            counts[dataset.name], max_ids[dataset.name] = _write_dataset(
                dataset, tmp_path, generated_at
            )
        package = datapackage(generated_at, counts)
        (tmp_path / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        for path in sorted(tmp_path.iterdir()):
            with path.open("rb") as handle:
                default_storage.save(f"{folder}/{path.name}", File(handle, name=path.name))
        for dataset in DATASETS:
            summary[dataset.name] = {
                "rows": counts[dataset.name],
                "max_id": max_ids[dataset.name],
                "sizes": {
                    fmt: (tmp_path / filename(dataset.name, fmt)).stat().st_size for fmt in FORMATS
                },
            }
    with transaction.atomic():
        publication = Publication.objects.create(
            generated_at=generated_at, folder=folder, summary=summary
        )
    _prune()
    return publication


def _prune() -> None:
    """Keep the last publications; a download in progress of the previous one still ends."""
    for old in Publication.objects.all()[KEEP_PUBLICATIONS:]:
        for fmt_name in _all_files():
            path = f"{old.folder}/{fmt_name}"
            if default_storage.exists(path):
                default_storage.delete(path)
        old.delete()


def _all_files() -> list[str]:
    names = ["datapackage.json"]
    for dataset in DATASETS:
        names.extend(filename(dataset.name, fmt) for fmt in FORMATS)
    return names


def allowed_files() -> set[str]:
    return set(_all_files())


def open_file(publication: Publication, name: str):
    return default_storage.open(f"{publication.folder}/{name}", "rb")

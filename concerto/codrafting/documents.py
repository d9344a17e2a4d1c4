"""Between the stored units of a version and the engine's Document: write a document
read from a draft as rows, and read rows back as a document to diff two versions."""

from collections import defaultdict

from concerto.codrafting.models import POSITION_STEP, TextUnit, TextVersion
from concerto.engines.codrafting import Document, Unit, recognise_heading

BATCH = 500


def _number(label: str) -> str:
    heading = recognise_heading(label, is_heading=True) if label else None
    return heading.number if heading else ""


def reading_order(version: TextVersion) -> list[TextUnit]:
    """The version's units in reading order (positions follow the tree, depth first)."""
    return list(version.units.order_by("position", "pk"))


def document_of(version: TextVersion, rows: list[TextUnit] | None = None) -> Document:
    """The version as the engine's Document; its flatten() order is `rows`' order."""
    rows = reading_order(version) if rows is None else rows
    children = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)

    def build(row: TextUnit) -> Unit:
        return Unit(
            kind=row.kind, label=row.label, number=_number(row.label), heading=row.heading,
            text=row.text, children=tuple(build(child) for child in children[row.pk]),
        )  # fmt: skip

    return Document.of([build(row) for row in children[None]], name=version.name)


def keys_by_pk(version: TextVersion, rows: list[TextUnit] | None = None) -> dict[int, str]:
    """Each unit's engine key in the version as it stands."""
    rows = reading_order(version) if rows is None else rows
    document = document_of(version, rows)
    return {row.pk: unit.key for row, unit in zip(rows, document.flatten(), strict=True)}


def write_units(version: TextVersion, document: Document, *, keys_only: bool = False) -> None:
    """Store `document` as the version's units, in reading order, with their parents
    (`keys_only`: the units exist; only refresh their keys, after an insertion)."""
    if keys_only:
        rows = reading_order(version)
        for row, key in zip(rows, keys_by_pk(version, rows).values(), strict=True):
            row.key = key
        TextUnit.objects.bulk_update(rows, ["key"], batch_size=BATCH)
        return
    units = list(document.flatten())
    rows = [
        TextUnit(
            version=version,
            position=(rank + 1) * POSITION_STEP,
            key=unit.key,
            kind=unit.kind,
            label=unit.label[:100],
            heading=unit.heading[:300],
            text=unit.text,
        )  # fmt: skip
        for rank, unit in enumerate(units)
    ]
    TextUnit.objects.bulk_create(rows, batch_size=BATCH)
    by_key = {unit.key: row for unit, row in zip(units, rows, strict=True)}
    children = []
    for unit, row in zip(units, rows, strict=True):
        parent_key = document.parent_key(unit.key)
        if parent_key:
            row.parent = by_key[parent_key]
            children.append(row)
    TextUnit.objects.bulk_update(children, ["parent"], batch_size=BATCH)

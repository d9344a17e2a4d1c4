"""The downloadable text of a published version, and its changes since the draft
(version 1), each change with the suggestions it comes from: the data the HTML, PDF
and ODT downloads are written from."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from concerto.codrafting import queries
from concerto.codrafting.changes import diff_html
from concerto.codrafting.documents import document_of, reading_order
from concerto.codrafting.models import TextVersion
from concerto.engines.codrafting import DocumentDiff, document_diff, write_diff_odt, write_odt
from concerto.participation.models import Contribution

ODT_CONTENT_TYPE = "application/vnd.oasis.opendocument.text"


def text_filename(version: TextVersion, extension: str) -> str:
    return f"texte-version-{version.number}.{extension}"


def changes_filename(version: TextVersion, extension: str) -> str:
    return f"changements-depuis-le-projet-version-{version.number}.{extension}"


@dataclass
class DraftChanges:
    """The changes from the draft to a version: the engine's diff and the suggestions
    its ids name, by id."""

    draft: TextVersion
    version: TextVersion
    diff: DocumentDiff
    suggestions: dict[int, Contribution] = field(default_factory=dict)


@dataclass
class ChangeEntry:
    status: str  # added, removed, changed
    kind: str
    label: str
    heading: SafeString
    paragraphs: list[SafeString]
    suggestions: list[Contribution]


def provenance_since_draft(version: TextVersion, rows=None) -> dict[str, list[int]]:
    """Each unit's key in `version` with the suggestions behind its changes in every
    version since the draft (its own sources and those of its origins)."""
    rows = reading_order(version) if rows is None else rows
    document = document_of(version, rows)
    keys = {row.pk: unit.key for row, unit in zip(rows, document.flatten(), strict=True)}
    chains = queries.lineage(rows)
    through = version.units.model.sources.through
    sources: dict[int, list[int]] = {}
    all_pks = [pk for pks in chains.values() for pk in pks]
    for unit_id, contribution_id in (
        through.objects.filter(textunit__in=all_pks)
        .order_by("contribution_id")
        .values_list("textunit_id", "contribution_id")
    ):
        sources.setdefault(unit_id, []).append(contribution_id)
    provenance = {}
    for row in rows:
        ids = [i for pk in chains[row.pk] for i in sources.get(pk, [])]
        if ids:
            provenance[keys[row.pk]] = list(dict.fromkeys(ids))
    return provenance


def changes_since_draft(version: TextVersion) -> DraftChanges:
    draft = version.module.text_versions.get(number=1)
    rows = reading_order(version)
    diff = document_diff(
        document_of(draft), document_of(version, rows), provenance_since_draft(version, rows)
    )
    ids = {i for unit in diff.units for i in unit.all_suggestion_ids}
    suggestions = Contribution.objects.filter(pk__in=ids).order_by("pk")
    return DraftChanges(draft, version, diff, {row.pk: row for row in suggestions})


def change_entries(changes: DraftChanges) -> list[ChangeEntry]:
    """The units added, removed or changed, in reading order, ready for a template."""
    return [
        ChangeEntry(
            status=unit.status,
            kind=unit.kind,
            label=unit.new_label or unit.old_label,
            heading=diff_html(unit.heading_ops),
            paragraphs=[diff_html(p.ops) for p in unit.paragraphs if p.status != "unchanged"],
            suggestions=[
                changes.suggestions[i] for i in unit.all_suggestion_ids if i in changes.suggestions
            ],
        )
        for unit in changes.diff.units
        if unit.status != "unchanged"
    ]


def text_odt(version: TextVersion) -> bytes:
    return write_odt(document_of(version))


def changes_odt(changes: DraftChanges, describe) -> bytes:
    """The changes as ODT; `describe(contribution)` is what names a suggestion."""
    labels = {
        "added": _("Ajouté"),
        "removed": _("Supprimé"),
        "changed": _("Modifié"),
        "suggestions": _("Suggestions à l'origine de ce changement :"),
    }
    name = _("%(name)s — changements de la version %(number)s depuis le projet") % {
        "name": changes.version.name,
        "number": changes.version.number,
    }

    def describe_id(pk) -> str:
        contribution = changes.suggestions.get(pk)
        return describe(contribution) if contribution is not None else str(pk)

    return write_diff_odt(changes.diff, name, labels=labels, describe=describe_id)

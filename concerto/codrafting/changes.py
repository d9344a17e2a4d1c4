"""What changed from one version to the next, each change with the suggestions it comes
from: the engine's document diff over the stored units, ready for a template."""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from concerto.codrafting.documents import document_of, reading_order
from concerto.codrafting.models import TextVersion
from concerto.engines.codrafting import document_diff
from concerto.participation.models import Contribution

MARKED = (
    '<{tag}><span class="fr-sr-only">[{words} : </span>{text}'
    '<span class="fr-sr-only">]</span></{tag}>'
)


def diff_html(ops) -> SafeString:
    """Ops of a word diff as HTML: deletions in <del>, insertions in <ins>, each with
    words a screen reader says ("supprimé", "ajouté")."""
    parts = []
    for op in ops:
        if op.op == "equal":
            parts.append(format_html("{}", op.text))
        else:
            tag, words = ("del", _("supprimé")) if op.op == "delete" else ("ins", _("ajouté"))
            parts.append(format_html(MARKED, tag=tag, words=words, text=op.text))
    return format_html_join("", "{}", ((part,) for part in parts))


@dataclass
class Change:
    status: str  # added, removed, changed
    kind: str
    label: str
    heading: SafeString
    paragraphs: list[tuple[str, SafeString]]  # (status, html)
    suggestions: list[Contribution] = field(default_factory=list)
    authors: int = 0


def version_changes(previous: TextVersion, version: TextVersion) -> list[Change]:
    """The units added, removed or changed from `previous` to `version`."""
    old_rows, new_rows = reading_order(previous), reading_order(version)
    old, new = document_of(previous, old_rows), document_of(version, new_rows)
    keys = {row.pk: unit.key for row, unit in zip(new_rows, new.flatten(), strict=True)}
    through = version.units.model.sources.through
    provenance: dict[str, list[int]] = {}
    for unit_id, contribution_id in through.objects.filter(textunit__version=version).values_list(
        "textunit_id", "contribution_id"
    ):
        provenance.setdefault(keys[unit_id], []).append(contribution_id)
    result = document_diff(old, new, provenance=provenance)
    ids = {i for unit in result.units for i in unit.suggestion_ids}
    ids |= {i for unit in result.units for p in unit.paragraphs for i in p.suggestion_ids}
    suggestions = {
        s.pk: s for s in Contribution.objects.filter(pk__in=ids).select_related("author")
    }
    merged: dict[int, set] = {}  # the authors of suggestions merged into each one
    rows = Contribution.objects.filter(merged_into__in=ids)
    for pk, author_id, target in rows.values_list("pk", "author_id", "merged_into"):
        merged.setdefault(target, set()).add(author_id or f"p{pk}")
    changes = []
    for unit in result.units:
        if unit.status == "unchanged":
            continue
        own = set(unit.suggestion_ids) | {i for p in unit.paragraphs for i in p.suggestion_ids}
        rows = [suggestions[i] for i in sorted(own) if i in suggestions]
        authors = {row.author_id or f"p{row.pk}" for row in rows}
        for row in rows:
            authors |= merged.get(row.pk, set())
        changes.append(
            Change(
                status=unit.status,
                kind=unit.kind,
                label=unit.new_label or unit.old_label,
                heading=diff_html(unit.heading_ops),
                paragraphs=[
                    (p.status, diff_html(p.ops)) for p in unit.paragraphs if p.status != "unchanged"
                ],
                suggestions=rows,
                authors=len(authors),
            )  # fmt: skip
        )
    return changes

"""Published versions of the text in their process's hash-chained history.

When a version is published, `record_version` appends one TextVersionRecord to the
process's chain of texts: its canonical content (every unit's key, kind, label,
heading, text, whether it is open and why not, and the suggestions it comes from), the
hash of the previous record and a hash over both. `verify_text_chains` recomputes the
chains and also compares each record with the units stored for its version, so that
editing a published unit in the database is detected as well as editing the record.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.codrafting.models import TextVersion, TextVersionRecord
from concerto.followup.models.versions import GENESIS
from concerto.processes.models import Process


def version_content(version: TextVersion) -> dict:
    """The canonical content of a version: what the record's hash covers."""
    units = list(version.units.order_by("position", "pk"))
    through = version.units.model.sources.through
    sources: dict[int, list[int]] = {}
    rows = through.objects.filter(textunit__version=version).values_list(
        "textunit_id", "contribution_id"
    )
    for unit_id, contribution_id in rows:
        sources.setdefault(unit_id, []).append(contribution_id)
    return {
        "module": version.module_id,
        "version": version.number,
        "name": version.name,
        "note": version.note,
        "published_at": version.published_at.isoformat() if version.published_at else None,
        "units": [
            {
                "key": unit.key,
                "kind": unit.kind,
                "label": unit.label,
                "heading": unit.heading,
                "text": unit.text,
                "open": unit.open,
                "closed_reason": unit.closed_reason,
                "sources": sorted(sources.get(unit.pk, [])),
            }
            for unit in units
        ],
    }


def record_version(version: TextVersion) -> TextVersionRecord:
    """Append the published `version` to its process's chain of texts (inside the
    publication's transaction: the process row is locked so that two modules of one
    process publishing at once cannot both chain onto the same record)."""
    process_id = version.module.process_id
    Process.objects.select_for_update().only("pk").get(pk=process_id)
    last = TextVersionRecord.objects.filter(process_id=process_id).order_by("-pk").first()
    record = TextVersionRecord(
        process_id=process_id,
        version=version,
        version_pk=version.pk,
        number=version.number,
        content=version_content(version),
        reason=_("Publication de la version %(number)s du texte") % {"number": version.number},
        created_at=timezone.now(),
        previous_hash=last.hash if last else GENESIS,
    )
    record.hash = record.compute_hash()
    record.save()
    return record


@dataclass
class TextTampering:
    record: TextVersionRecord
    # "chain": the record itself was altered; "units": the version's stored units
    # no longer match what was published.
    where: str

    def message(self) -> str:
        values = {
            "number": self.record.number,
            "name": self.record.content.get("name", ""),
            "process": self.record.process,
            "hash": self.record.hash[:12],
        }
        if self.where == "units":
            return (
                _(
                    "Texte modifié : la version %(number)s du texte « %(name)s » (dispositif "
                    "« %(process)s », empreinte %(hash)s) ne correspond plus à ce qui a été "
                    "publié."
                )
                % values
            )
        return (
            _(
                "Chaîne rompue : la version %(number)s du texte « %(name)s » (dispositif "
                "« %(process)s », empreinte %(hash)s) a été modifiée après sa publication."
            )
            % values
        )


def verify_text_chains(process_ids=None) -> tuple[int, TextTampering | None]:
    """Recompute every process's chain of texts; return how many records were checked
    and the first altered one (None when every chain holds and every version still
    matches its record)."""
    records = TextVersionRecord.objects.select_related("process", "version").order_by(
        "process_id", "pk"
    )
    if process_ids is not None:
        records = records.filter(process_id__in=process_ids)
    checked = 0
    previous: dict[int, str] = {}
    for record in records.iterator(chunk_size=500):
        checked += 1
        expected_previous = previous.get(record.process_id, GENESIS)
        if record.previous_hash != expected_previous or record.compute_hash() != record.hash:
            return checked, TextTampering(record, "chain")
        if record.version is not None and version_content(record.version) != record.content:
            return checked, TextTampering(record, "units")
        previous[record.process_id] = record.hash
    return checked, None

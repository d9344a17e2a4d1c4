from dataclasses import dataclass, field

from concerto.opendata.imports.report import ImportReport


@dataclass
class Item:
    """One contribution read from another platform's export, checked and ready to store."""

    source_id: str  # unique within the export, e.g. "proposal:12"
    kind: str
    body: str
    title: str = ""
    submitted_at: object = None
    parent_source_id: str | None = None
    stance: str = ""
    where: str = ""  # file and line, for the report


@dataclass
class ParsedImport:
    report: ImportReport
    items: list[Item] = field(default_factory=list)

"""The CIPC registry's rows, its counts per ministry and status, and its CSV export
(open-data conventions: UTF-8, commas, ISO 8601 dates)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Count, QuerySet
from django.utils import timezone

from concerto.folding import french_order, french_sort_key
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion, Process, Referral

# French column names for the CIPC's spreadsheets (issue 24), with statuses, methods and
# verdicts as the pages name them; keep them stable from now on, scripts of the
# ministries read them.
COLUMNS = (
    "identifiant",
    "titre",
    "ministere",
    "direction",
    "statut",
    "methodes",
    "themes",
    "debut_participation",
    "fin_participation",
    "date_decision",
    "date_engagement_suite",
    "saisine_transmise_le",
    "avis_attendu_le",
    "sens_de_l_avis",
    "avis_rendu_le",
    "publie_le",
)


class RegistryEntry(NamedTuple):
    """A process with its referral and opinion, each None when there is none yet."""

    process: Process
    referral: Referral | None
    opinion: Opinion | None


def registry_queryset() -> QuerySet:
    """Every process, with all that a registry row shows, in two queries."""
    return (
        Process.objects.select_related("ministry", "directorate", "referral__opinion")
        .prefetch_related("themes")
        .order_by(*french_order("ministry__name"), *french_order("title"), "pk")
    )


def registry_entries(processes: Iterable[Process]) -> list[RegistryEntry]:
    entries = []
    for process in processes:
        referral = getattr(process, "referral", None)
        entries.append(RegistryEntry(process, referral, getattr(referral, "opinion", None)))
    return entries


@dataclass(frozen=True)
class StatusCounts:
    """Processes per ministry (rows) and status (columns), only the statuses that occur."""

    statuses: list[Status]
    rows: list[tuple[str, list[int], int]]  # ministry name, count per status, total
    totals: list[int]
    total: int


def status_counts(processes: QuerySet) -> StatusCounts:
    """Count `processes` per ministry and status in one grouped query."""
    counts: dict[tuple[str, str], int] = {}
    for row in (
        processes.order_by()
        .values("ministry__name", "status")
        .annotate(n=Count("pk", distinct=True))
    ):
        counts[(row["ministry__name"], row["status"])] = row["n"]
    statuses = [status for status in Status if any(s == status for _, s in counts)]
    ministries = sorted({name for name, _ in counts}, key=french_sort_key)
    rows = []
    for name in ministries:
        cells = [counts.get((name, status), 0) for status in statuses]
        rows.append((name, cells, sum(cells)))
    totals = [sum(counts.get((name, status), 0) for name in ministries) for status in statuses]
    return StatusCounts(statuses, rows, totals, sum(totals))


def _iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def csv_row(entry: RegistryEntry) -> list[str]:
    process, referral, opinion = entry
    return [
        process.slug,
        process.title,
        process.ministry.name,
        process.directorate.name if process.directorate else "",
        process.get_status_display(),
        ";".join(process.method_labels()),
        ";".join(theme.slug for theme in process.themes.all()),
        _iso(process.participation_start),
        _iso(process.participation_end),
        _iso(process.decision_date),
        _iso(process.follow_up_date),
        _iso(referral.submitted_at if referral else None),
        _iso(referral.due_date if referral else None),
        opinion.get_verdict_display() if opinion else "",
        _iso(opinion.issued_at if opinion else None),
        _iso(process.published_at),
    ]

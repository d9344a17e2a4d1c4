"""CSV exports of an opinion map: UTF-8, comma-separated, ISO 8601 dates.

The votes file uses Polis's `votes.csv` columns, so an export can be imported again
(here or in Polis's own tools); voter ids are pseudonymous numbers: a keyed hash of
the account for this process (concerto.pseudonyms), never the account number,
and imported Polis voters keep their negative engine ids.

The results file is read by organisers only: French column names, and the statement's
status, the overall row and the engine's directions written in words.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from concerto.opinionmaps.mapping import engine_participant_id, group_name
from concerto.opinionmaps.models import MapResult, Statement, Vote
from concerto.pseudonyms import Scope, pseudonymous_number

VOTES_HEADER = ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
RESULTS_HEADER = [
    "identifiant_enonce",
    "enonce",
    "statut",
    "groupe",
    "taille_groupe",
    "d_accord",
    "pas_d_accord",
    "passer",
    "representatif",
    "consensus",
]


def voter_id(process_id: int, user_id: int | None, imported: int | None) -> int:
    if user_id is None:
        return engine_participant_id(None, imported)
    return pseudonymous_number(f"u{user_id}", process_id, Scope.OPINION_MAP_VOTES)


def vote_rows(module) -> Iterator[list]:
    """One row per vote, in VOTES_HEADER's columns."""
    rows = (
        Vote.objects.filter(statement__module=module)
        .order_by("updated_at", "pk")
        .values_list(
            "updated_at", "statement_id", "participant_id", "imported_participant", "value"
        )
    )
    for at, statement_id, user_id, imported, value in rows.iterator(chunk_size=5000):
        yield [
            int(at.timestamp() * 1000),
            at.isoformat(timespec="seconds"),
            statement_id,
            voter_id(module.process_id, user_id, imported),
            value,
        ]


def result_rows(module, result: MapResult | None) -> Iterator[list]:
    """One row per statement overall, then one per statement and group of the last map,
    in RESULTS_HEADER's columns."""
    data = result.data if result is not None and not result.insufficient else {}
    summary = data.get("summary", {})
    groups = data.get("groups", [])
    # The engine's direction codes, in the words of the map page.
    words = {"agree": _("d'accord"), "disagree": _("pas d'accord")}
    representative = {
        (g["label"], r["statement_id"]): words.get(r["direction"], r["direction"])
        for g in groups
        for r in g["representative"]
    }
    consensus = {
        c["statement_id"]: words.get(c["direction"], c["direction"])
        for c in data.get("consensus", [])
    }
    everyone = _("Tous")
    statements = Statement.objects.filter(module=module).order_by("position", "pk")
    for statement in statements:
        entry = summary.get(str(statement.pk))
        overall = entry["overall"] if entry else [0, 0, 0]
        status = statement.get_status_display()
        yield [statement.pk, statement.text, status, everyone, "", *overall, "",
               consensus.get(statement.pk, "")]  # fmt: skip
        for gi, group in enumerate(groups):
            counts = entry["by_group"][gi] if entry else [0, 0, 0]
            yield [statement.pk, statement.text, status, group_name(group["label"]),
                   group["size"], *counts,
                   representative.get((group["label"], statement.pk), ""), ""]  # fmt: skip

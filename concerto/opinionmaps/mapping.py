"""Between the database and the engine: build the vote matrix of a module, and turn the
engine's `OpinionMap` into the JSON a `MapResult` stores and the pages display."""

from __future__ import annotations

import string
from dataclasses import dataclass

import numpy as np

from concerto.engines import opinions
from concerto.opinionmaps.models import Statement, Vote

# The chart bins participants into a GRID × GRID grid: positions are never published
# one by one, and the page stays small with thousands of participants.
GRID = 24


def engine_participant_id(user_id: int | None, imported: int | None) -> int:
    """Accounts keep their id; imported Polis voters get negative ids so they never collide."""
    return int(user_id) if user_id is not None else -(int(imported) + 1)


def vote_matrix(module) -> opinions.VoteMatrix:
    """Every vote of the module; rejected and pending statements are moderated out."""
    rows = Vote.objects.filter(statement__module=module).values_list(
        "participant_id", "imported_participant", "statement_id", "value"
    )
    participants, statements, values = [], [], []
    for user_id, imported, statement_id, value in rows.iterator(chunk_size=10_000):
        participants.append(engine_participant_id(user_id, imported))
        statements.append(statement_id)
        values.append(value)
    ids = Statement.objects.filter(module=module).values_list("pk", "status")
    all_ids = [pk for pk, _status in ids]
    out = [pk for pk, status in ids if status != Statement.Status.ACCEPTED]
    return opinions.VoteMatrix.from_triplets(
        np.array(participants, dtype=np.int64),
        np.array(statements, dtype=np.int64),
        np.array(values, dtype=np.int8),
        moderated_out_ids=np.array(out, dtype=np.int64),
        statement_ids=np.array(all_ids, dtype=np.int64),
    )


def group_name(label: int) -> str:
    """Groups are named A, B, C… after their stable engine label."""
    letters = string.ascii_uppercase
    return letters[label] if 0 <= label < len(letters) else str(label + 1)


def _shares(counts) -> dict:
    agree, disagree, passed = (int(c) for c in counts)
    total = agree + disagree + passed
    pct = (lambda c: round(100 * c / total)) if total else (lambda c: 0)
    return {
        "agree": agree,
        "disagree": disagree,
        "pass": passed,
        "total": total,
        "agree_pct": pct(agree),
        "disagree_pct": pct(disagree),
        "pass_pct": pct(passed),
    }


def serialise(result: opinions.OpinionMap) -> dict:
    """The parts of the engine's output the pages show, as plain JSON."""
    column = {int(sid): j for j, sid in enumerate(result.statement_ids)}
    points, scale = _points(result)
    overall, by_group = result.summary.overall, result.summary.by_group
    groups = []
    for gi, group in enumerate(result.groups):
        representative = []
        for stat in group.representative:
            j = column[stat.statement_id]
            representative.append(
                {
                    "statement_id": stat.statement_id,
                    "direction": stat.direction,
                    "repness": round(float(stat.repness or 0), 3),
                    **_shares(by_group[gi, j]),
                }
            )
        groups.append(
            {
                "label": group.label,
                "name": group_name(group.label),
                "size": group.size,
                "x": round(float(group.centroid[0]) / scale, 4),
                "y": round(float(group.centroid[1]) / scale, 4),
                "representative": representative,
            }
        )
    consensus = []
    for direction, stats in (
        ("agree", result.consensus_agree),
        ("disagree", result.consensus_disagree),
    ):
        for stat in stats:
            counts = overall[column[stat.statement_id]]
            consensus.append(
                {"statement_id": stat.statement_id, "direction": direction, **_shares(counts)}
            )
    summary = {
        str(int(sid)): {
            "overall": [int(c) for c in overall[j]],
            "by_group": [[int(c) for c in by_group[gi, j]] for gi in range(len(groups))],
        }
        for j, sid in enumerate(result.statement_ids)
    }
    return {
        "groups": groups,
        "consensus": consensus,
        "summary": summary,
        "points": points,
        "n_clustered": int(result.clustered.sum()),
    }


def _points(result: opinions.OpinionMap) -> tuple[list[list], float]:
    """Participants binned on a grid over [-1, 1]²: [x, y, group label or -1, count],
    and the scale that maps engine coordinates onto that square."""
    xy = np.nan_to_num(np.asarray(result.participant_xy, dtype=float))
    if not len(xy):
        return [], 1.0
    scale = float(np.abs(xy).max()) or 1.0
    cells = np.clip(np.floor((xy / scale + 1) / 2 * GRID), 0, GRID - 1).astype(int)
    keys, counts = np.unique(np.column_stack([cells, result.labels]), axis=0, return_counts=True)
    centre = lambda c: float(round((c + 0.5) / GRID * 2 - 1, 4))  # noqa: E731
    points = [
        [centre(cx), centre(cy), int(label), int(n)]
        for (cx, cy, label), n in zip(keys, counts, strict=True)
    ]
    return points, scale


def state_to_json(state: opinions.WarmState) -> dict:
    return {
        "statement_ids": state.statement_ids.tolist(),
        "components": np.asarray(state.components).tolist(),
        "base_centers": np.asarray(state.base_centers).tolist(),
        "group_centers": np.asarray(state.group_centers).tolist(),
        "group_labels": np.asarray(state.group_labels).tolist(),
        "k_candidate": int(state.k_candidate),
        "k_streak": int(state.k_streak),
    }


@dataclass(frozen=True)
class StoredPrevious:
    """What `compute_map(previous=…)` reads of a previous result: its warm state only."""

    state: opinions.WarmState


def previous_from_json(data: dict) -> StoredPrevious | None:
    if not data:
        return None
    try:
        n_comp = len(data["components"])
        return StoredPrevious(
            opinions.WarmState(
                statement_ids=np.asarray(data["statement_ids"], dtype=np.int64),
                components=np.asarray(data["components"], dtype=float).reshape(n_comp, -1),
                base_centers=np.asarray(data["base_centers"], dtype=float).reshape(-1, n_comp),
                group_centers=np.asarray(data["group_centers"], dtype=float).reshape(-1, n_comp),
                group_labels=np.asarray(data["group_labels"], dtype=int),
                k_candidate=int(data["k_candidate"]),
                k_streak=int(data["k_streak"]),
            )
        )
    except (KeyError, TypeError, ValueError):
        # A state from an older format: start cold rather than fail.
        return None

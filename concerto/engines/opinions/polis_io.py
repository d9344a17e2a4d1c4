"""Loader for a Polis conversation export folder (the compdemocracy/openData format).

Files read:
- `comments.csv`: statement ids, texts, and `moderated` (-1 = moderated out).
- `votes.csv`: the full vote log (`timestamp, datetime, comment-id, voter-id, vote`,
  1 = agree, -1 = disagree, 0 = pass); the last vote of a pair by timestamp wins.
- `participants-votes.csv`: used for Polis's own `group-id` (empty = not clustered),
  and as the vote source when `votes.csv` is absent.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from concerto.engines.opinions.model import OpinionsError, VoteMatrix

_FIXED_COLUMNS = {
    "participant",
    "xid",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
}


@dataclass(frozen=True)
class PolisExport:
    """A loaded export: the vote matrix, statement texts, and Polis's groups.

    `vote_log` holds the time-ordered log (timestamp, participant, statement, vote)
    as parallel int64 arrays so that callers can replay it in batches.
    `polis_groups` maps participant id to Polis's group id (absent = not clustered).
    """

    name: str
    matrix: VoteMatrix
    texts: dict[int, str]
    polis_groups: dict[int, int]
    vote_log: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

    def polis_labels(self, participant_ids: np.ndarray) -> np.ndarray:
        """Polis's group id for each given participant, -1 when it has none."""
        return np.array([self.polis_groups.get(int(p), -1) for p in participant_ids])


def _read_comments(path: Path) -> tuple[dict[int, str], list[int]]:
    texts: dict[int, str] = {}
    moderated_out: list[int] = []
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            tid = int(row["comment-id"])
            texts[tid] = row["comment-body"]
            if row.get("moderated", "").strip() == "-1":
                moderated_out.append(tid)
    return texts, moderated_out


def _read_vote_log(path: Path) -> tuple[np.ndarray, ...]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        ti, ci, vi, oi = (header.index(c) for c in ("timestamp", "comment-id", "voter-id", "vote"))
        rows = [(r[ti], r[vi], r[ci], r[oi]) for r in reader if r]
    arr = np.array(rows, dtype=np.int64).reshape(-1, 4)
    # The export is not time-ordered; a stable sort keeps file order for equal stamps.
    arr = arr[np.argsort(arr[:, 0], kind="stable")]
    return arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]


def _read_participants(path: Path) -> tuple[dict[int, int], tuple[np.ndarray, ...]]:
    groups: dict[int, int] = {}
    ps: list[int] = []
    ts: list[int] = []
    vs: list[int] = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        pid_col, gid_col = header.index("participant"), header.index("group-id")
        vote_cols = [(i, int(h)) for i, h in enumerate(header) if h not in _FIXED_COLUMNS]
        for row in reader:
            if not row:
                continue
            pid = int(row[pid_col])
            if row[gid_col].strip():
                groups[pid] = int(row[gid_col])
            for i, tid in vote_cols:
                if i < len(row) and row[i].strip():
                    ps.append(pid)
                    ts.append(tid)
                    vs.append(int(row[i]))
    n = len(ps)
    log = (
        np.zeros(n, np.int64),
        np.array(ps, np.int64),
        np.array(ts, np.int64),
        np.array(vs, np.int64),
    )
    return groups, log


def load_polis_export(directory: str | Path) -> PolisExport:
    """Load a Polis export folder; raise `OpinionsError` when it is not one.

    Moderated-out statements are kept as columns flagged in `moderated_out` so that
    their counts can still be reported; the pipeline ignores them.
    """
    root = Path(directory)
    comments, votes, pvotes = (
        root / n for n in ("comments.csv", "votes.csv", "participants-votes.csv")
    )
    if not comments.exists() or not (votes.exists() or pvotes.exists()):
        raise OpinionsError(f"{root}: not a Polis export (comments.csv and votes are needed)")
    texts, moderated_out = _read_comments(comments)
    groups: dict[int, int] = {}
    log: tuple[np.ndarray, ...] | None = None
    if pvotes.exists():
        groups, log = _read_participants(pvotes)
    if votes.exists():
        log = _read_vote_log(votes)
    assert log is not None
    _, participants, statements, values = log
    matrix = VoteMatrix.from_triplets(
        participants,
        statements,
        values,
        moderated_out_ids=np.array(moderated_out, dtype=np.int64),
        statement_ids=np.array(sorted(texts), dtype=np.int64),
    )
    return PolisExport(root.name, matrix, texts, groups, (log[0], log[1], log[2], log[3]))

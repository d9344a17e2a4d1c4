"""Loading a Polis export: a small slice of the real scoop-hivemind.ubi conversation."""

import csv
import json

import numpy as np
import pytest

from concerto.engines.opinions import OpinionsError, load_polis_export
from concerto.engines.opinions.cli import main
from tests.engines.opinions.conftest import POLIS_DATA

UBI = POLIS_DATA / "scoop-hivemind.ubi"
pytestmark = pytest.mark.skipif(not UBI.exists(), reason="shared Polis data not available")


@pytest.fixture
def ubi_slice(tmp_path):
    """comments.csv whole, the first 300 vote-log lines, the first 12 participants."""
    (tmp_path / "comments.csv").write_bytes((UBI / "comments.csv").read_bytes())
    for name, lines in (("votes.csv", 301), ("participants-votes.csv", 13)):
        with (UBI / name).open(encoding="utf-8") as src:
            head = [next(src) for _ in range(lines)]
        (tmp_path / name).write_text("".join(head), encoding="utf-8")
    return tmp_path


def test_loader_reads_votes_texts_moderation_and_groups(ubi_slice):
    export = load_polis_export(ubi_slice)
    with (ubi_slice / "votes.csv").open() as f:
        rows = list(csv.DictReader(f))
    last = {}
    for r in sorted(rows, key=lambda r: int(r["timestamp"])):
        last[(int(r["voter-id"]), int(r["comment-id"]))] = int(r["vote"])
    m = export.matrix
    assert m.votes.nnz == len(last)
    dense = m.votes.toarray()
    for (pid, tid), vote in last.items():
        i = int(np.searchsorted(m.participant_ids, pid))
        j = int(np.searchsorted(m.statement_ids, tid))
        assert dense[i, j] == vote
    assert len(m.statement_ids) == 71  # every comment is a column, even unvoted ones
    assert m.statement_ids[m.moderated_out].tolist() == [14]
    assert export.texts[63].startswith("UBI has clear benefits")
    assert export.polis_groups == {
        1: 1,
        2: 1,
        3: 1,
        5: 2,
        6: 0,
        7: 1,
        8: 0,
        10: 0,
        11: 0,
        12: 0,
        13: 1,
        14: 0,
    }
    assert len(export.vote_log[0]) == len(rows)


def test_not_an_export(tmp_path):
    with pytest.raises(OpinionsError):
        load_polis_export(tmp_path)


def test_cli_map_prints_groups_and_ari(capsys):
    assert main(["map", str(UBI)]) == 0
    out = capsys.readouterr().out
    assert "scoop-hivemind.ubi: 234 participants (174 clustered)" in out
    assert "group 0 — 162 participants" in out
    assert "ARI vs Polis group-id: 0.095" in out


def test_cli_json(capsys):
    assert main(["map", str(UBI), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [g["size"] for g in data["groups"]] == [162, 12]
    assert data["moderated_out"] == 1
    assert all(s["statement_id"] != 14 for g in data["groups"] for s in g["representative"])
    assert round(data["ari_vs_polis"], 3) == 0.095


def test_cli_bad_folder(tmp_path, capsys):
    assert main(["map", str(tmp_path)]) == 2
    assert "not a Polis export" in capsys.readouterr().err

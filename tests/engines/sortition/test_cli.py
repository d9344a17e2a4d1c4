"""The command line selects, writes a lottery and verifies it without Django."""

import json

from concerto.engines.sortition.cli import main
from tests.engines.sortition.helpers import DATA

D = DATA / "example_small_20"
ARGS = [
    "--categories",
    str(D / "categories.csv"),
    "--respondents",
    str(D / "respondents.csv"),
    "--k",
    "20",
]


def test_select_json_and_verify(tmp_path, capsys):
    lottery = tmp_path / "lottery.json"
    assert main(["select", *ARGS, "--json", "--lottery", str(lottery), "--m", "100"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert abs(out["min_probability"] - 0.1) < 1e-6
    assert len(out["probabilities"]) == 200
    assert main(["verify", "--lottery", str(lottery), "--seed", "abc", *ARGS, "--json"]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert 1 <= verified["number"] <= 100 and len(verified["panel"]) == 20


def test_select_text_output_is_french(capsys):
    assert main(["select", *ARGS]) == 0
    assert "Probabilité minimale : 10.0000%" in capsys.readouterr().out


def test_infeasible_quotas_exit_with_status_1(tmp_path, capsys):
    cats = tmp_path / "c.csv"
    cats.write_text(
        "category,feature,min,max\ngender,female,150,200\ngender,male,0,200\n"
        "leaning,liberal,0,200\nleaning,conservative,0,200\n"
    )
    assert (
        main(
            [
                "select",
                "--categories",
                str(cats),
                "--respondents",
                str(D / "respondents.csv"),
                "--k",
                "20",
            ]
        )
        == 1
    )
    assert "minimum de 150" in capsys.readouterr().err

import csv
import json

from concerto.engines.textmining import cli


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["texte", "auteur"])
        writer.writerows(rows)


def test_json_gives_each_row_its_groups(tmp_path, capsys):
    path = tmp_path / "c.csv"
    rows = [
        ("Des pistes cyclables sécurisées partout en ville", "a"),
        ("Des pistes cyclables sécurisées partout en ville", "a"),
        ("Baisser la TVA sur les produits alimentaires de base", "b"),
        ("Plus de bus et de trains dans les campagnes", "c"),
        ("Supprimer la CSG des retraités modestes", "d"),
    ]
    write(path, rows)
    status = cli.main(
        ["analyse", str(path), "--text-column", "texte", "--author-column", "auteur",
         "--themes", "2", "--json"]
    )  # fmt: skip
    assert status == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["texts"], data["authors"], data["exact_copies"], data["own_repeats"]) == (
        5,
        4,
        1,
        1,
    )
    assert len(data["rows"]) == 5
    assert data["rows"][1]["copy"] is True
    assert data["rows"][0]["duplicate_group"] == data["rows"][1]["duplicate_group"] >= 0
    assert len(data["themes"]) == 2
    assert sum(t["texts"] for t in data["themes"]) == 5


def test_missing_column_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "c.csv"
    write(path, [("Un texte", "a")])
    assert cli.main(["analyse", str(path), "--text-column", "comment"]) == 2
    assert "No column 'comment'" in capsys.readouterr().err


def test_management_command(tmp_path, capsys):
    import subprocess
    import sys
    from pathlib import Path

    # The project's own console script, next to this interpreter: CI machines need not
    # have uv on PATH (make installs it under ~/.local/bin when missing).
    concerto = str(Path(sys.executable).parent / "concerto")
    path = tmp_path / "c.csv"
    write(path, [("Des pistes cyclables sécurisées partout en ville", "a"), ("Plus de bus", "b")])
    done = subprocess.run(
        [concerto, "textmining", "analyse", str(path), "--text-column", "texte",
         "--themes", "1"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 texts by 2 authors" in done.stdout


def test_reading_a_file_leaves_the_csv_cell_limit_as_it_was(tmp_path):
    """The limit is global to the process: the command raises it only while it reads."""
    previous = csv.field_size_limit(131_072)
    try:
        path = tmp_path / "long.csv"
        write(path, [("x" * 200_000, "a")])
        texts, _authors, _moments = cli.read_csv(str(path), "texte", "auteur", None)
        assert len(texts[0]) == 200_000
        assert csv.field_size_limit() == 131_072
    finally:
        csv.field_size_limit(previous)


def test_importing_the_command_leaves_the_csv_cell_limit_alone():
    import subprocess
    import sys

    code = "import csv; import concerto.engines.textmining.cli; print(csv.field_size_limit())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "131072", done.stderr

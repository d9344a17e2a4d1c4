"""Grid definitions: loading, versioning, validation, and the evaluation result."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from concerto.engines.quality import (
    GridError,
    ProcessDescription,
    Status,
    available_versions,
    evaluate,
    load_grid,
    load_grid_file,
    rule_kinds,
)

TODAY = date(2027, 1, 4)

GRID_2026_1_CODES = [
    "decision-stated",
    "negotiable-stated",
    "alternatives-stated",
    "participation-before-decision",
    "participation-duration",
    "early-referral",
    "publics-stated",
    "offline-reach",
    "method-chosen",
    "plural-information",
    "budget-stated",
    "independent-guarantor",
    "follow-up-date",
    "follow-up-commitments",
    "evaluation-planned",
]

CRITERION = """
[[criteria]]
code = "{code}"
title = "Titre"
description = "Description."
reference = "CIPC"
rule = "{rule}"
{params}
"""


def write_grid(directory: Path, version: str, criteria: str = "", declared: str | None = None):
    criteria = criteria or CRITERION.format(code="budget", rule="budget", params="")
    header = f'version = "{declared or version}"\ntitle = "Grille {version}"\n'
    path = directory / f"{version}.toml"
    path.write_text(header + criteria, encoding="utf-8")
    return path


class TestPackagedGrid:
    def test_2026_1_is_shipped_and_versions_are_sorted(self):
        versions = available_versions()
        assert versions[0] == "2026-1"
        assert load_grid().version == versions[-1]

    def test_2026_1_content_is_frozen(self):
        """A published version never changes: stored pre-checks cite it."""
        grid = load_grid("2026-1")
        assert grid.title == "Grille qualité des dispositifs participatifs"
        assert [criterion.code for criterion in grid.criteria] == GRID_2026_1_CODES
        params = {criterion.code: dict(criterion.params) for criterion in grid.criteria}
        assert params["participation-before-decision"] == {"min_days": 30}
        assert params["participation-duration"] == {"min_days": 21, "min_days_by_method": {}}
        assert params["early-referral"] == {"min_days": 30}
        assert params["plural-information"] == {"min_sources": 3, "min_viewpoints": 2}
        assert params["follow-up-date"] == {"max_days_after_participation_end": 90}
        assert params["independent-guarantor"] == {"required_for_methods": ("deliberative",)}

    def test_every_criterion_cites_a_reference(self):
        for criterion in load_grid("2026-1").criteria:
            assert criterion.reference and criterion.title and criterion.description

    def test_packaged_grids_are_cached(self):
        assert load_grid("2026-1") is load_grid("2026-1")

    def test_unknown_version(self):
        with pytest.raises(GridError, match=r"unknown quality grid version '1999-1' \(available: "):
            load_grid("1999-1")

    def test_rule_kinds(self):
        assert rule_kinds() == (
            "budget",
            "follow_up_commitments",
            "follow_up_date",
            "guarantor",
            "methods",
            "participation_before_decision",
            "participation_duration",
            "plural_information",
            "referral_lead_time",
            "stated",
        )


class TestVersioning:
    def test_versions_sort_by_year_then_revision_number(self, tmp_path):
        for version in ("2027-1", "2026-10", "2026-2"):
            write_grid(tmp_path, version)
        (tmp_path / "notes.toml").write_text("ignored", encoding="utf-8")
        (tmp_path / "2026-3.txt").write_text("ignored", encoding="utf-8")
        assert available_versions(tmp_path) == ("2026-2", "2026-10", "2027-1")
        assert load_grid(directory=tmp_path).version == "2027-1"
        assert load_grid("2026-10", directory=tmp_path).version == "2026-10"

    def test_declared_version_must_match_the_file_name(self, tmp_path):
        write_grid(tmp_path, "2026-2", declared="2026-3")
        with pytest.raises(GridError, match="2026-2.toml: declares version '2026-3'"):
            load_grid("2026-2", directory=tmp_path)

    def test_empty_directory(self, tmp_path):
        with pytest.raises(GridError, match="no grid file found"):
            load_grid(directory=tmp_path)


class TestInvalidGridFiles:
    def test_unknown_rule_kind_is_named_with_file_and_criterion(self, tmp_path):
        path = write_grid(tmp_path, "2026-2", CRITERION.format(code="x", rule="magic", params=""))
        with pytest.raises(GridError) as error:
            load_grid_file(path)
        message = str(error.value)
        assert message.startswith(
            "2026-2.toml, criterion #1 ('x'): unknown rule kind 'magic' (known: budget, "
        )
        assert "stated" in message

    @pytest.mark.parametrize(
        ("rule", "params", "message"),
        [
            ("participation_before_decision", "", "missing parameter 'min_days'"),
            ("budget", "params = { min = 1 }", "unknown parameter(s) min for rule 'budget'"),
            ("referral_lead_time", "params = { min_days = -1 }", "non-negative integer, got -1"),
            (
                "referral_lead_time",
                "params = { min_days = true }",
                "non-negative integer, got True",
            ),
            (
                "referral_lead_time",
                'params = { min_days = "30" }',
                "non-negative integer, got '30'",
            ),
            ("methods", "params = { min_methods = 0 }", "positive integer, got 0"),
            ("stated", "params = { fields = [] }", "non-empty list of field names"),
            ("stated", 'params = { fields = ["colour"] }', "unknown field(s) ['colour']"),
            (
                "guarantor",
                'params = { required_for_methods = ["vote"] }',
                "method code(s) ['vote']",
            ),
            (
                "participation_duration",
                "params = { min_days = 21, min_days_by_method = { vote = 3 } }",
                "method code(s) ['vote']",
            ),
        ],
    )
    def test_rule_parameters_are_validated(self, tmp_path, rule, params, message):
        path = write_grid(tmp_path, "2026-2", CRITERION.format(code="x", rule=rule, params=params))
        with pytest.raises(GridError) as error:
            load_grid_file(path)
        assert str(error.value).startswith("2026-2.toml, criterion #1 ('x'): ")
        assert message in str(error.value)

    def test_duplicate_codes(self, tmp_path):
        twice = CRITERION.format(code="x", rule="budget", params="") * 2
        with pytest.raises(GridError, match="duplicate criterion code 'x'"):
            load_grid_file(write_grid(tmp_path, "2026-2", twice))

    def test_missing_and_unknown_criterion_keys(self, tmp_path):
        no_title = CRITERION.format(code="x", rule="budget", params="").replace(
            'title = "Titre"', ""
        )
        with pytest.raises(GridError, match="'title' must be a non-empty string"):
            load_grid_file(write_grid(tmp_path, "2026-2", no_title))
        extra = CRITERION.format(code="x", rule="budget", params="weight = 2")
        with pytest.raises(GridError, match=r"criterion #1 \('x'\): unknown key\(s\) weight"):
            load_grid_file(write_grid(tmp_path, "2026-3", extra))

    def test_grid_without_criteria(self, tmp_path):
        path = tmp_path / "2026-2.toml"
        path.write_text('version = "2026-2"\ntitle = "Vide"\n', encoding="utf-8")
        with pytest.raises(GridError, match=r"non-empty \[\[criteria\]\] list"):
            load_grid_file(path)

    def test_toml_syntax_error(self, tmp_path):
        path = tmp_path / "2026-2.toml"
        path.write_text("version = ", encoding="utf-8")
        with pytest.raises(GridError, match="2026-2.toml: cannot read grid file"):
            load_grid_file(path)


class TestEvaluation:
    def test_complete_description_meets_every_criterion(self, describe):
        result = evaluate(describe(), today=TODAY)
        assert [r.code for r in result.results if r.status is not Status.MET] == []
        assert (result.met, result.at_risk, result.missing) == (15, 0, 0)
        assert result.grid_version == "2026-1"

    def test_empty_description_reports_missing_information(self):
        result = evaluate(ProcessDescription(), load_grid("2026-1"), today=TODAY)
        assert result.counts == {Status.MET: 1, Status.AT_RISK: 0, Status.MISSING: 14}
        assert result.get("independent-guarantor").status is Status.MET

    def test_result_carries_grid_title_and_reference(self, describe):
        result = evaluate(describe(), today=TODAY).get("participation-duration")
        assert result.title == "La participation dure assez longtemps"
        assert (
            result.reference == "Code de l'environnement, art. L123-19-1 (au moins 21 jours) ; CNDP"
        )

    def test_unknown_code(self, describe):
        with pytest.raises(KeyError):
            evaluate(describe(), today=TODAY).get("nope")

    def test_as_dict_is_json_serialisable(self, describe):
        data = evaluate(describe(), today=TODAY).as_dict()
        assert json.loads(json.dumps(data)) == data
        assert data["evaluated_on"] == "2027-01-04"
        assert data["counts"] == {"met": 15, "at_risk": 0, "missing": 0}
        assert data["results"][0]["status"] == "met"

    def test_as_dict_stores_findings_not_sentences(self, describe):
        data = evaluate(describe(budget_amount=None), today=TODAY).as_dict()
        stored = next(result for result in data["results"] if result["code"] == "budget-stated")
        assert "explanation" not in stored
        assert stored["findings"] == [{"code": "budget_missing", "values": {}}]


class TestProcessDescription:
    def test_lists_are_stored_as_tuples(self):
        description = ProcessDescription(methods=["deliberative"])
        assert description.methods == ("deliberative",)

    def test_datetimes_are_refused(self):
        from datetime import datetime

        with pytest.raises(TypeError, match="decision_date must be a datetime.date"):
            ProcessDescription(decision_date=datetime(2027, 1, 1, 12))


def test_engine_imports_no_django():
    code = (
        "import sys, concerto.engines.quality as q; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[3]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0

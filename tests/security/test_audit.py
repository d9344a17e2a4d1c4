"""`make audit` (scripts/audit.sh): a known vulnerability fails it, an unreachable
advisory service only warns. pip-audit is replaced by a stand-in that answers as it does."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAND_IN = """#!/usr/bin/env bash
# Answers as pip-audit would: the report given (if any), the log given, the status given.
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output=$2; shift ;;
    --requirement) cp "$2" "$HERE/requirements.txt"; shift ;;
  esac
  shift
done
[ -f "$HERE/report.json" ] && cp "$HERE/report.json" "$output"
cat "$HERE/log"
exit "$(cat "$HERE/status")"
"""
CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}


def audit(tmp_path, *, status: int, report: dict | None = None, log: str = ""):
    stand_in = tmp_path / "pip-audit"
    stand_in.write_text(STAND_IN)
    stand_in.chmod(0o755)
    (tmp_path / "status").write_text(str(status))
    (tmp_path / "log").write_text(log)
    if report is not None:
        (tmp_path / "report.json").write_text(json.dumps(report))
    uv = shutil.which("uv") or str(Path.home() / ".local/bin/uv")
    environment = os.environ | {"PIP_AUDIT": str(stand_in), "HERE": str(tmp_path), "UV": uv}
    return subprocess.run(
        ["bash", "scripts/audit.sh"], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_a_known_vulnerability_fails_the_audit_and_is_named(tmp_path):
    vulnerable = {
        "name": "requests",
        "version": "2.31.0",
        "vulns": [{"id": "GHSA-9wx4-h78v-vm56", "aliases": ["CVE-2024-35195"],
                   "fix_versions": ["2.32.0"], "description": "…"}],
    }  # fmt: skip

    done = audit(tmp_path, status=1, report={"dependencies": [CLEAN, vulnerable], "fixes": []})

    assert done.returncode == 1, done.stdout + done.stderr
    assert "requests 2.31.0 : GHSA-9wx4-h78v-vm56, CVE-2024-35195 (corrigé : 2.32.0)" in done.stdout
    assert "1 vulnérabilité(s) connue(s) dans 1 dépendance(s)" in done.stdout


def test_no_known_vulnerability_passes(tmp_path):
    done = audit(tmp_path, status=0, report={"dependencies": [CLEAN], "fixes": []})

    assert done.returncode == 0, done.stdout + done.stderr
    assert "aucune vulnérabilité connue dans les 1 dépendances vérifiées" in done.stdout


@pytest.mark.parametrize(
    "log",
    [
        "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='pypi.org', port=443): "
        "Max retries exceeded with url: /pypi/django/5.2.19/json",
        "urllib3.exceptions.NameResolutionError: Failed to resolve 'api.osv.dev'",
    ],
)
def test_an_unreachable_advisory_service_only_warns(tmp_path, log):
    done = audit(tmp_path, status=1, log=log)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "avertissement : service d'avis de sécurité injoignable, audit non fait" in done.stdout


def test_a_service_that_checked_nothing_only_warns(tmp_path):
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI"}

    done = audit(tmp_path, status=0, report={"dependencies": [skipped], "fixes": []})

    assert done.returncode == 0, done.stdout + done.stderr
    assert "n'a vérifié aucune des 1 dépendances, audit non fait" in done.stdout


def test_any_other_failure_fails(tmp_path):
    done = audit(tmp_path, status=1, log="ERROR:pip_audit._cli:invalid requirements input")

    assert done.returncode == 2
    assert "invalid requirements input" in done.stderr


def test_it_audits_every_locked_dependency_pinned(tmp_path):
    audit(tmp_path, status=0, report={"dependencies": [CLEAN], "fixes": []})

    requirements = (tmp_path / "requirements.txt").read_text()
    lock = (ROOT / "uv.lock").read_text()
    django = lock.split('name = "django"\nversion = "')[1].split('"')[0]
    assert f"django=={django}" in requirements
    assert "pip-audit==" in requirements  # the dev group
    assert "locust==" in requirements  # the bench group
    assert not [line for line in requirements.splitlines() if line.startswith(("-e", "."))]

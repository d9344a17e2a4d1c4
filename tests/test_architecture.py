"""The import contracts of pyproject.toml ([tool.importlinter]) hold: engines stand alone,
the shared helpers import no domain, no domain depends on the demo data or test helpers,
processes and participation import no domain built on them, and no two packages of
concerto import each other, directly or around a cycle."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout

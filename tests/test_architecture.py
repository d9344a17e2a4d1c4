"""The import contracts of pyproject.toml ([tool.importlinter]) hold: engines stand alone,
the shared helpers import no domain, no domain depends on the demo data or test helpers,
processes and participation import no domain built on them, and no two packages of
concerto import each other, directly or around a cycle."""

import subprocess
import sys
from pathlib import Path

import grimp

from concerto.participation import kinds

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


# Co-drafting's suggestions are supported, argued, commented and merged as proposals are,
# with proposals' models and actions: until those interactions move down to participation,
# the one pair of module kinds where one imports the other (ARCHITECTURE.md).
KINDS_ALLOWED_TO_IMPORT = {("codrafting", "proposals")}


def test_module_kinds_do_not_import_each_other():
    """What two kinds share goes through participation (its registries: next steps,
    opinion groups, profile questions), not from one kind's package to another's."""
    packages = sorted(spec.namespace for spec in kinds.registered())
    assert {"codrafting", "opinionmaps", "proposals", "questionnaires"} <= set(packages)
    graph = grimp.build_graph("concerto", cache_dir=None)
    imports = {
        (importer, imported)
        for importer in packages
        for imported in packages
        if importer != imported
        and graph.direct_import_exists(
            importer=f"concerto.{importer}", imported=f"concerto.{imported}", as_packages=True
        )
    }
    assert imports == KINDS_ALLOWED_TO_IMPORT

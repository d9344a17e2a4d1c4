"""Fast start: the numeric stack loads where an engine runs, never with the platform.

Each check runs in a fresh interpreter, since this test process has long imported
everything."""

import subprocess
import sys
from pathlib import Path

import pytest

from concerto.engines import lazy_exports

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT.parent / "shared" / "data" / "sortition" / "example_small_20"
NUMERIC = ("scipy", "sklearn", "highspy")


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_loading_every_url_imports_no_numeric_library():
    loaded = run_python(
        "import os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'concerto.settings')\n"
        "import django; django.setup()\n"
        "from django.urls import get_resolver; get_resolver().url_patterns\n"
        f"print(sorted(m for m in {NUMERIC!r} if m in sys.modules))\n"
    )
    assert loaded.strip() == "[]"


ENGINE_RUN = """
import sys
from concerto import cli
sys.argv = ["concerto", *{args!r}]
try:
    cli.main()
except SystemExit as end:
    status = end.code
else:
    status = 0
print("django" in sys.modules, status, file=sys.stderr)
"""


def engine_run(*args: str) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", ENGINE_RUN.format(args=list(args))],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return done.stdout, done.stderr.strip().splitlines()[-1]


@pytest.mark.skipif(not SMALL.exists(), reason="shared sortition data not present")
def test_an_engine_command_runs_without_setting_django_up():
    out, django_loaded_and_status = engine_run(
        "sortition", "select", "--categories", str(SMALL / "categories.csv"),
        "--respondents", str(SMALL / "respondents.csv"), "--k", "20",
    )  # fmt: skip
    assert django_loaded_and_status == "False 0"
    lines = out.strip().splitlines()
    assert lines[1:4] == [
        "Probabilité minimale : 10.0000%", "Coefficient de Gini : 0.0000%",
        "Moyenne géométrique : 10.0000%",
    ]  # fmt: skip
    assert lines[4] == "identifiant,probabilite"
    assert lines[5:] == [f"{i},0.100000" for i in range(1, 201)]


def test_help_lists_the_commands_without_setting_django_up():
    out, django_loaded_and_status = engine_run("--help")
    assert django_loaded_and_status == "False 0"
    assert out.startswith("Usage: concerto <command> [options]")
    assert "  sortition   select a panel by lot" in out


def test_opinions_import_still_goes_through_django():
    _out, django_loaded_and_status = engine_run("opinions", "import", "--help")
    assert django_loaded_and_status == "True 0"


def test_lazy_exports_resolve_names_and_submodules():
    from concerto.engines import sortition

    assert sortition.select.__module__ == "concerto.engines.sortition.selection"
    assert sortition.legacy.__name__ == "concerto.engines.sortition.legacy"
    assert {"select", "Problem", "make_lottery"} <= set(dir(sortition))
    assert "select" in sortition.__all__
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        sortition.nothing  # noqa: B018


def test_lazy_exports_names_every_module_they_point_to():
    import importlib

    for engine in ("sortition", "opinions", "textmining"):
        package = importlib.import_module(f"concerto.engines.{engine}")
        for name in package.__all__:
            assert getattr(package, name) is not None, (engine, name)
    assert callable(lazy_exports)

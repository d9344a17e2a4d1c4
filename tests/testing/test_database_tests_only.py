"""The CI's PostgreSQL suite runs only the tests a database can change
(CONCERTO_DATABASE_TESTS_ONLY, tests/conftest.py); the SQLite suite runs them all."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILES = ["tests/test_frenchnumbers.py", "tests/scaleout/test_shared_cache.py"]


def collected(**environment) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *FILES],
        cwd=ROOT, env=os.environ | environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_only_the_tests_that_reach_a_database_are_kept():
    everything = collected()
    kept = collected(CONCERTO_DATABASE_TESTS_ONLY="1")
    assert len(everything) == 7
    assert sorted(kept) == [
        # It asks for the database.
        "tests/scaleout/test_shared_cache.py::test_counting_keeps_the_window_where_it_was",
        # Its processes count in the suite's database (the `reaches_database` marker).
        "tests/scaleout/test_shared_cache.py::test_the_database_cache_counts_across_processes",
    ]

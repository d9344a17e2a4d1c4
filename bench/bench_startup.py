"""Benchmark: how long the platform and its commands take to start, whole process.

Each scenario runs as a fresh process, several times; the median wall time is
printed against its target (issue #20). A process start is what an operator, a
cron-less task worker or an app server pays on each (re)start, so it is measured
whole: interpreter, imports, Django set-up, work.

    uv run python bench/bench_startup.py [--runs 5]
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The console script's code, run from this checkout (so an older checkout can be measured).
CONCERTO = [sys.executable, "-m", "concerto.cli"]
SMALL = ROOT.parent / "shared" / "data" / "sortition" / "example_small_20"
DJANGO = "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'concerto.settings'); "
SORTITION = [
    *("sortition", "select", "--k", "20"),
    *("--categories", str(SMALL / "categories.csv")),
    *("--respondents", str(SMALL / "respondents.csv")),
]
URLS = "from django.urls import get_resolver; get_resolver().url_patterns"
SCENARIOS = [
    # (label, command, target in seconds or None)
    ("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"], None),
    ("concerto --help", [*CONCERTO, "--help"], 1.5),
    ("concerto sortition select (example_small_20, k = 20)", [*CONCERTO, *SORTITION], 1.0),
    ("django.setup()", [sys.executable, "-c", DJANGO + "import django; django.setup()"], 2.0),
    (
        "django.setup() and every URL loaded (an app process's start)",
        [sys.executable, "-c", DJANGO + "import django; django.setup(); " + URLS],
        None,
    ),
    ("concerto help (every Django command listed)", [*CONCERTO, "help"], None),
]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"Start-up, whole process, median of {runs} runs (first run discarded as warm-up)")
    for label, command, target in SCENARIOS:
        timed(command)
        times = [timed(command) for _ in range(runs)]
        median = statistics.median(times)
        verdict = "" if target is None else (
            f"  target ≤ {target:.1f} s: {'met' if median <= target else 'NOT met'}"
        )  # fmt: skip
        print(f"  {label:<62} {median:6.2f} s (min {min(times):.2f}){verdict}")


if __name__ == "__main__":
    main()

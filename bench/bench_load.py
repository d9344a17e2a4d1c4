"""Load and faults (issues 14 and 28): a State-wide data set on a real PostgreSQL, two
gunicorn instances behind haproxy, two task workers, Redis and SeaweedFS, a locust load
on loopback, SIGKILLs mid-run (an instance, a worker, the cache server), the rate limits
checked across instances, the pages measured against a bare view, and a reconciliation
proving that nothing acknowledged was lost or duplicated.

    uv run --group bench python bench/bench_load.py            # medium size (documented)
    uv run --group bench python bench/bench_load.py --quick    # a quick check (~4 min)
    uv run --group bench python bench/bench_load.py --full     # 10,000 processes, 1 M
                                                               # contributions, 200,000 people
See bench/README.md ("Charge et pannes") for the options.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load.harness import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

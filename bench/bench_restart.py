"""Restart to first answer, and memory, of the web server `make run` starts (issue 28).

Starts `gunicorn --preload` as the Makefile does (2 gthread workers × 4 threads) on a
throwaway SQLite database (migrated and collected once, under --workdir), three times;
prints the seconds from spawn to the first 200 on the home page, and each process's
resident and proportional memory (PSS counts pages shared after the fork once).
Targets: first answer ≤ 5 s, each worker < 400 MB.

    uv run python bench/bench_restart.py [--workdir /tmp/concerto-restart]
"""

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 8799


def memory(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def first_answer(env: dict) -> tuple[float, list[int], subprocess.Popen]:
    start = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "concerto.wsgi:application", "--preload",
         "--bind", f"127.0.0.1:{PORT}", "--workers", "2", "--worker-class", "gthread",
         "--threads", "4"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=30) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.05)
    elapsed = time.monotonic() - start
    for _ in range(20):  # every worker has served pages
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=30).read()
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    return elapsed, [server.pid, *map(int, children.stdout.split())], server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workdir", default="/tmp/concerto-restart")
    args = parser.parse_args()
    env = {**os.environ, "CONCERTO_VAR_DIR": args.workdir}
    Path(args.workdir).mkdir(parents=True, exist_ok=True)
    concerto = [sys.executable, "-m", "concerto.cli"]
    subprocess.run([*concerto, "migrate", "--noinput"], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run([*concerto, "collectstatic", "--noinput", "--verbosity", "0"], env=env,
                   check=True)  # fmt: skip
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for attempt in range(1, 4):
        elapsed, pids, server = first_answer(env)
        sizes = ", ".join(f"{memory(pid, 'Rss'):.0f}/{memory(pid, 'Pss'):.0f}" for pid in pids)
        print(
            f"run {attempt}: first 200 after {elapsed:.2f} s; "
            f"RSS/PSS MiB (master, workers): {sizes}"
        )
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

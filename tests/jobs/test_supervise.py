"""Issue 28: `make run` supervises the task worker (scripts/supervise.sh): a worker that
exits is started again, and the operator reads why."""

import os
import signal
import subprocess
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "supervise.sh"


def test_a_process_that_exits_is_started_again_with_a_line_for_the_operator(tmp_path):
    runs = tmp_path / "runs"
    # Dies at once twice, then stays up.
    command = f'echo run >> {runs}; [ "$(wc -l < {runs})" -ge 3 ] && exec sleep 60; exit 3'
    supervisor = subprocess.Popen(
        ["bash", str(SCRIPT), "sh", "-c", command],
        env={**os.environ, "SUPERVISE_DELAY": "0.05"},
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not (runs.exists() and runs.read_text().count("run") == 3):
            assert time.monotonic() < deadline, "not started three times"
            time.sleep(0.02)
    finally:
        # As `make run` stops it: the whole group at once.
        os.killpg(supervisor.pid, signal.SIGTERM)
    assert supervisor.wait(timeout=10) == 0
    # (bash itself adds "Terminated" for the process stopped by the signal.)
    log = [line for line in supervisor.stderr.read().splitlines() if "superviseur" in line]
    assert [line[20:] for line in log] == [
        f"superviseur : « sh -c {command} » s'est arrêté (code 3) ; redémarrage dans 0.05 s.",
        f"superviseur : « sh -c {command} » s'est arrêté (code 3) ; redémarrage dans 0.1 s.",
    ]
    assert runs.read_text() == "run\nrun\nrun\n"

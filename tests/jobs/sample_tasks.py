"""Tasks used by the tests of the job machinery."""

import os
import time
from pathlib import Path

from concerto.jobs.progress import JobRefused, Progress, job_task


@job_task
def count_to(progress: Progress, *, total: int) -> str:
    for done in range(1, total + 1):
        progress.update(done, total, f"{done} éléments traités sur {total}")
    return f"/resultat/{total}/"


@job_task
def fail(progress: Progress) -> None:
    raise RuntimeError("boom")


@job_task
def refuse_input(progress: Progress) -> None:
    name, data = progress.input()
    raise JobRefused(f"{name} est refusé.", data.decode().splitlines())


@job_task
def wait_for_release(progress: Progress, *, folder: str) -> str:
    """Notes each start in `folder`/starts (process id and time), waits for the file
    `folder`/release, then notes its end in `folder`/ends."""
    folder_path = Path(folder)
    with open(folder_path / "starts", "a") as starts:
        starts.write(f"{os.getpid()} {time.time()}\n")
    while not (folder_path / "release").exists():
        time.sleep(0.05)
    with open(folder_path / "ends", "a") as ends:
        ends.write(f"{os.getpid()}\n")
    progress.update(1, 1, "Terminé")
    return "/resultat/"

"""Tasks used by the tests of the job machinery."""

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

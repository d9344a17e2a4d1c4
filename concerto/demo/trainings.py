"""Demo data: trainings and support requests (issue 9)."""


def load() -> None:
    """Idempotent: safe to run on every `make run`."""

"""Demo data: evaluations, State figures and expert groups (issue 11)."""


def load() -> None:
    """Idempotent: safe to run on every `make run`."""

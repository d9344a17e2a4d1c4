"""Demo data: contribution analyses and syntheses (issue 8)."""


def load() -> None:
    """Idempotent: safe to run on every `make run`."""

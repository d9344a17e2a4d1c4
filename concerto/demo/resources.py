"""Demo data: guide, FAQ, capsules and community (issue 9)."""


def load() -> None:
    """Idempotent: safe to run on every `make run`."""

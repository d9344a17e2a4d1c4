"""Demo data: framework contract, orders and the referents network (issue 10)."""


def load() -> None:
    """Idempotent: safe to run on every `make run`."""

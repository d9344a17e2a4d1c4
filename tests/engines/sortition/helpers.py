"""Small hand-made instances for the sortition engine tests."""

from __future__ import annotations

from pathlib import Path

from concerto.engines.sortition import Pool, Problem, Quota

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "sortition"


def pool(rows: list[tuple[str, ...]], categories: tuple[str, ...], houses=None) -> Pool:
    """Pool with ids p1, p2, … in row order."""
    ids = tuple(f"p{i}" for i in range(1, len(rows) + 1))
    return Pool(ids, categories, tuple(rows), None if houses is None else tuple(houses))


def gender_problem(
    women: int, men: int, k: int, f: tuple[int, int], m: tuple[int, int], **kwargs
) -> Problem:
    rows = [("f",)] * women + [("m",)] * men
    quotas = (Quota("genre", "f", *f), Quota("genre", "m", *m))
    return Problem(pool(rows, ("genre",)), quotas, k, **kwargs)

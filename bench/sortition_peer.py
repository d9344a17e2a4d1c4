"""Adapter to the peer: PyPI `sortition-algorithms` (its `maximin`, on HiGHS).

Imported lazily so that the benchmark runs (and says "peer not installed")
without the package.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import numpy as np


def available() -> bool:
    try:
        import sortition_algorithms  # noqa: F401
    except ImportError:
        return False
    return True


def run_maximin(directory: Path, k: int) -> tuple[np.ndarray, float]:
    """Per-person probabilities from the peer's maximin, and the seconds it took (solve only)."""
    from sortition_algorithms import Settings, read_in_features, read_in_people
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin

    with open(directory / "categories.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        head, body = list(reader.fieldnames or []), list(reader)
    # The peer names the value column "name"; the shared data calls it "feature".
    body = [
        {"category": r["category"], "name": r["feature"], "min": r["min"], "max": r["max"]}
        for r in body
    ]
    head = ["category", "name", "min", "max"]
    features, _, _ = read_in_features(head, body, number_to_select=k)
    with open(directory / "respondents.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        p_head, p_body = list(reader.fieldnames or []), list(reader)
    if "pool_member_identifier" not in p_head:
        p_head = ["pool_member_identifier", *p_head]
        for i, row in enumerate(p_body, start=1):
            row["pool_member_identifier"] = str(i)
    settings = Settings(id_column="pool_member_identifier", columns_to_keep=[])
    people, _ = read_in_people(p_head, p_body, features, settings)
    start = time.perf_counter()
    committees, probs, _ = find_distribution_maximin(features, people, k, [])
    seconds = time.perf_counter() - start
    ids = [row["pool_member_identifier"] for row in p_body]
    index = {pid: i for i, pid in enumerate(ids)}
    marginals = np.zeros(len(ids))
    for committee, p in zip(committees, probs, strict=True):
        for pid in committee:
            marginals[index[pid]] += p
    return marginals, seconds


def _child(directory: Path, k: int, queue) -> None:  # pragma: no cover - child process
    queue.put(run_maximin(directory, k))


def run_maximin_limited(directory: Path, k: int, timeout: float) -> tuple[np.ndarray, float] | None:
    """`run_maximin` in a child process; None if it has not finished after `timeout` seconds."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(directory, k, queue))
    child.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:  # queue.Empty: the peer is still running
        return None
    finally:
        if child.is_alive():
            child.kill()
        child.join()

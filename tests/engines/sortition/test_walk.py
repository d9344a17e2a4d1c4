"""The walk's cheap panel sources (LP vertex, swap repair) against the panel IP."""

import numpy as np
import pytest

from concerto.engines.sortition import Problem, Quota, select
from concerto.engines.sortition.compiled import compile_problem
from concerto.engines.sortition.local_search import repair_rows
from tests.engines.sortition.helpers import pool


def _problem(seed: int, n: int = 60, k: int = 10) -> Problem:
    rng = np.random.default_rng(seed)
    values = (("f", "m"), ("y", "o", "v"), ("u", "r"), ("a", "b", "c"))
    rows = [tuple(str(rng.choice(v)) for v in values) for _ in range(n)]
    quotas = []
    for c, vals in enumerate(values):
        for v in vals:
            count = sum(r[c] == v for r in rows)
            quotas.append(Quota(f"c{c}", v, max(0, round(count * k / n) - 1), count * k // n + 1))
    return Problem(pool(rows, ("c0", "c1", "c2", "c3")), tuple(quotas), k)


# Seeds whose relaxed target both walks realise (on others the walk may get stuck,
# whichever source it uses, and column generation takes over).
@pytest.mark.parametrize("seed", [1, 4, 10])
def test_walk_by_ip_only_gives_the_same_lottery(monkeypatch, seed):
    """Turning off the LP and swap sources (every step an IP) changes no probability."""
    from concerto.engines.sortition import walk

    problem = _problem(seed)
    fast = select(problem)
    assert fast.stats["walk_ip"] < fast.stats["walk_steps"]
    monkeypatch.setattr(walk, "_from_lp", lambda cp, lp, w: (None, None))
    monkeypatch.setattr(walk, "_repair", lambda *args: None)
    slow = select(problem)
    assert slow.stats["walk_ip"] == slow.stats["walk_steps"]
    assert fast.probabilities == pytest.approx(slow.probabilities, abs=1e-6)


@pytest.mark.parametrize("seed", range(8))
def test_repair_rows_returns_only_feasible_profiles(seed):
    """From a random k-member profile, a repaired one meets every quota and column bound."""
    cp = compile_problem(_problem(seed))
    rng = np.random.default_rng(seed)
    start = np.zeros(cp.n_groups, dtype=np.int64)
    for g in rng.choice(np.repeat(np.arange(cp.n_groups), cp.sizes), cp.k, replace=False):
        start[g] += 1
    lo, hi = np.zeros(cp.n_groups, dtype=np.int64), cp.sizes
    fixed = repair_rows(cp, start, rng.random(cp.n_groups), lo, hi, cp.lo, cp.hi)
    if fixed is None:
        return  # allowed: the walk then asks the IP
    counts = cp.A @ fixed
    assert fixed.sum() == cp.k
    assert ((fixed >= lo) & (fixed <= hi)).all()
    assert ((counts >= cp.lo) & (counts <= cp.hi)).all()

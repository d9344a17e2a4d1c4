"""Bridge between the stored panel and the pure sortition engine (public API only)."""

from __future__ import annotations

import math
from collections import Counter

from concerto.engines import sortition
from concerto.panels.models import M_TICKETS, Panel, PoolMember

HISTOGRAM_BINS = 10


def build_problem(panel: Panel, *, exclude_declined: bool = False) -> sortition.Problem:
    """The engine problem: pool members (pseudonymous tokens), quotas, k, household rule.

    With `exclude_declined`, people who declined leave the pool and those in the
    panel are kept in every panel (a replacement draw).
    """
    members = list(panel.pool.order_by("pk"))
    if exclude_declined:
        members = [m for m in members if m.status != PoolMember.Status.DECLINED]
    categories = tuple(sorted(panel.pool_counts))
    pool = sortition.Pool(
        ids=tuple(m.token for m in members),
        categories=categories,
        values=tuple(tuple(m.values.get(c, "") for c in categories) for m in members),
        households=tuple(m.household or None for m in members) if panel.household_rule else None,
    )
    quotas = tuple(sortition.Quota(q.category, q.value, q.min, q.max) for q in panel.quotas.all())
    already = tuple(m.token for m in members if m.in_panel) if exclude_declined else ()
    return sortition.Problem(pool, quotas, panel.size, panel.household_rule, already)


def histogram(probabilities: list[float]) -> list[dict]:
    """Counts of respondents per probability bracket (percent), for the public page."""
    if not probabilities:
        return []
    top = max(probabilities)
    # Brackets end on a round percentage just above the largest probability.
    upper = max(1, math.ceil(top * 100 / HISTOGRAM_BINS)) * HISTOGRAM_BINS / 100
    width = upper / HISTOGRAM_BINS
    counts = Counter(min(HISTOGRAM_BINS - 1, int(p / width + 1e-9)) for p in probabilities)
    largest = max(counts.values())
    return [
        {
            "low": round(100 * i * width, 2),
            "high": round(100 * (i + 1) * width, 2),
            "count": counts.get(i, 0),
            "percent_of_max": round(100 * counts.get(i, 0) / largest),
        }
        for i in range(HISTOGRAM_BINS)
    ]


def run_selection(problem: sortition.Problem, progress=None):
    """LEXIMIN probabilities and the M_TICKETS lottery for `problem`."""
    result = sortition.select(problem, algorithm="leximin", progress=progress)
    lottery = sortition.make_lottery(result, m=M_TICKETS)
    return result, lottery

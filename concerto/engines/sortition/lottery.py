"""Transparent lottery: m numbered panels, one drawn from a public seed.

1. `round_lottery` turns the optimal distribution into m concrete panels
   ("tickets"), panel P appearing about m * prob(P) times, chosen by a small
   integer program to keep every person's share of tickets as close as possible
   to their optimal probability; the largest deviation is reported.
2. The tickets are published (with their SHA-256 `digest`) *before* the seed.
3. `draw_number(seed, m)` derives the winning ticket number in 1..m:

       for counter = 0, 1, 2, ...:
           h = SHA-256( "concerto-sortition-v1:" + seed + ":" + str(counter) )   (UTF-8)
           x = h read as a 256-bit big-endian unsigned integer
           if x < 2**256 - (2**256 mod m): return (x mod m) + 1

   (rejection keeps every number exactly equally likely). The seed is used
   exactly as published, with no trimming; e.g. the numbers of a public
   lottery draw, written "07-19-23-31-42".
4. `verify` re-does steps 2–3 from the published file and checks each ticket.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled, compile_problem
from concerto.engines.sortition.model import Distribution, Problem, SelectionResult, SortitionError
from concerto.engines.sortition.panel_ip import new_highs
from concerto.engines.sortition.reasons import Reason, reason

SEED_PREFIX = "concerto-sortition-v1:"


class LotteryError(SortitionError):
    """The lottery file or the draw failed verification: `reason` says how."""

    def __init__(self, reason: Reason) -> None:
        self.reason = reason
        super().__init__(reason.text())


@dataclass(frozen=True)
class Lottery:
    """m tickets (panels of person ids); ticket number j is `tickets[j - 1]`."""

    tickets: tuple[tuple[str, ...], ...]
    max_deviation: float

    @property
    def m(self) -> int:
        return len(self.tickets)

    @property
    def digest(self) -> str:
        """SHA-256 of the canonical JSON of the tickets (published before the seed)."""
        return tickets_digest(self.tickets)

    def to_json(self) -> dict[str, object]:
        return {
            "version": 1,
            "m": self.m,
            "digest": self.digest,
            "max_deviation": self.max_deviation,
            "tickets": [list(t) for t in self.tickets],
        }


def tickets_digest(tickets: tuple[tuple[str, ...], ...] | list[list[str]]) -> str:
    canonical = json.dumps([sorted(t) for t in tickets], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def draw_number(seed: str, m: int) -> int:
    """Ticket number in 1..m derived from `seed` (see the module docstring)."""
    if m < 1:
        raise ValueError("m must be positive")
    limit = 2**256 - (2**256 % m)
    counter = 0
    while True:
        message = f"{SEED_PREFIX}{seed}:{counter}".encode()
        x = int.from_bytes(hashlib.sha256(message).digest(), "big")
        if x < limit:
            return x % m + 1
        counter += 1


def _round_counts(
    dist: Distribution, sizes: NDArray[np.int64], target: NDArray[np.float64], m: int
) -> NDArray[np.int64]:
    """Integer copies per panel summing to m, minimising the largest group deviation."""
    scaled = dist.probs * m
    base = np.floor(scaled + 1e-9).astype(np.int64)
    rest = int(m - base.sum())
    if rest <= 0:
        return base
    frac = np.flatnonzero(scaled - base > 1e-9)
    shares = dist.profiles[frac] / sizes.astype(np.float64)  # (panels, groups)
    fixed_part = (base @ dist.profiles) / sizes / m
    h = new_highs(time_limit=10.0)
    inf = highspy.kHighsInf
    n = len(frac)
    # Columns: x_P (one extra copy of panel P) binary, then the deviation d.
    h.addVars(n + 1, np.zeros(n + 1), np.append(np.ones(n), inf))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    h.changeColCost(n, 1.0)
    h.addRow(rest, rest, n, np.arange(n, dtype=np.int32), np.ones(n))
    for g in range(len(sizes)):
        idx = np.flatnonzero(shares[:, g])
        cols = np.append(idx, n).astype(np.int32)
        vals = shares[idx, g] / m
        gap = float(target[g] - fixed_part[g])
        h.addRow(gap, inf, len(cols), cols, np.append(vals, 1.0))  # share + d >= gap
        h.addRow(-inf, gap, len(cols), cols, np.append(vals, -1.0))  # share - d <= gap
    # Largest remainders as a starting point, and the answer if the solver has none.
    start = np.zeros(n)
    start[np.argsort(-(scaled[frac] - base[frac]))[:rest]] = 1.0
    sol = highspy.HighsSolution()
    sol.col_value = list(start) + [1.0]
    h.setSolution(sol)
    h.run()
    x = np.asarray(h.getSolution().col_value)[:n]
    if h.getInfo().primal_solution_status != highspy.kSolutionStatusFeasible or len(x) != n:
        x = start
    x = np.rint(x).astype(np.int64)
    if x.sum() != rest:
        x = start.astype(np.int64)
    counts = base.copy()
    counts[frac] += x
    return counts


def round_lottery(
    problem: Problem,
    cp: Compiled,
    dist: Distribution,
    probabilities: NDArray[np.float64],
    m: int = 1000,
) -> Lottery:
    """Round `dist` into m concrete tickets; report the largest per-person deviation."""
    target = dist.group_marginals()
    counts = _round_counts(dist, cp.sizes, target, m)
    ids = problem.pool.ids
    fixed_ids = [ids[i] for i in cp.fixed]
    pointer = np.zeros(cp.n_groups, dtype=np.int64)
    tickets: list[tuple[str, ...]] = []
    hits = np.zeros(cp.n, dtype=np.int64)
    hits[cp.fixed] = m
    for profile, copies in zip(dist.profiles, counts, strict=True):
        for _ in range(int(copies)):
            members = list(fixed_ids)
            # Cycle through each group's members so their ticket counts differ by at most 1.
            for g in np.flatnonzero(profile):
                group = cp.groups[g]
                take = (pointer[g] + np.arange(profile[g])) % len(group)
                pointer[g] += profile[g]
                chosen = group[take]
                hits[chosen] += 1
                members.extend(ids[i] for i in chosen)
            tickets.append(tuple(sorted(members)))
    deviation = float(np.max(np.abs(hits / m - probabilities))) if cp.n else 0.0
    return Lottery(tickets=tuple(tickets), max_deviation=deviation)


@dataclass(frozen=True)
class Verification:
    """Outcome of `verify`: the drawn number and panel, and what was checked."""

    number: int
    panel: tuple[str, ...]
    digest: str
    checked_quotas: bool


def verify(lottery: dict[str, object], seed: str, problem: Problem | None = None) -> Verification:
    """Check a published lottery and return the panel the seed selects.

    Raises `LotteryError` if the digest does not match the tickets, or (when
    `problem` is given) if a ticket breaks the panel size, a quota or the
    household rule.
    """
    tickets = [list(map(str, t)) for t in lottery["tickets"]]  # type: ignore[attr-defined]
    digest = tickets_digest(tickets)
    if lottery.get("digest") not in (None, digest):
        raise LotteryError(reason("lottery_digest_mismatch"))
    if problem is not None:
        _check_tickets(tickets, problem)
    number = draw_number(seed, len(tickets))
    return Verification(number, tuple(tickets[number - 1]), digest, problem is not None)


def _check_tickets(tickets: list[list[str]], problem: Problem) -> None:
    pool = problem.pool
    index = {pid: i for i, pid in enumerate(pool.ids)}
    cat_index = {c: i for i, c in enumerate(pool.categories)}
    for number, ticket in enumerate(tickets, start=1):
        if len(set(ticket)) != problem.k or any(pid not in index for pid in ticket):
            raise LotteryError(reason("ticket_size", ticket=number, k=problem.k))
        if not set(problem.already_selected) <= set(ticket):
            raise LotteryError(reason("ticket_misses_selected", ticket=number))
        for q in problem.quotas:
            c = cat_index[q.category]
            count = sum(pool.values[index[pid]][c] == q.value for pid in ticket)
            if not q.min <= count <= q.max:
                raise LotteryError(
                    reason(
                        "ticket_quota",
                        ticket=number,
                        count=count,
                        category=q.category,
                        value=q.value,
                        min=q.min,
                        max=q.max,
                    )  # fmt: skip
                )
        if problem.household_rule and pool.households is not None:
            houses = [pool.households[index[pid]] for pid in ticket]
            named = [h for h in houses if h is not None]
            if len(named) != len(set(named)):
                raise LotteryError(reason("ticket_household", ticket=number))


def make_lottery(result: SelectionResult, m: int = 1000) -> Lottery:
    """Round a selection result into a uniform lottery over m concrete panels."""
    cp = compile_problem(result.problem)
    return round_lottery(result.problem, cp, result.distribution, result.probabilities, m)

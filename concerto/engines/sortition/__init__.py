"""Panel selection by lot with quotas: LEXIMIN (fair), legacy greedy, transparent lottery.

Pure Python (numpy + HiGHS through `highspy`), no Django. Typical use::

    pool = read_pool("respondents.csv")
    problem = Problem(pool, read_quotas("categories.csv"), k=30)
    result = select(problem)              # LEXIMIN, self-checked
    lottery = make_lottery(result, m=1000)
    number = draw_number(published_seed, lottery.m)
"""

from concerto.engines.sortition.checks import SelfCheckError
from concerto.engines.sortition.compiled import compile_problem
from concerto.engines.sortition.csvio import read_pool, read_quotas
from concerto.engines.sortition.infeasible import InfeasibleQuotasError
from concerto.engines.sortition.lottery import (
    Lottery,
    LotteryError,
    Verification,
    draw_number,
    round_lottery,
    verify,
)
from concerto.engines.sortition.model import (
    Distribution,
    InvalidInputError,
    Pool,
    Problem,
    Quality,
    Quota,
    SelectionResult,
    SortitionError,
)
from concerto.engines.sortition.select import ALGORITHMS, select


def make_lottery(result: SelectionResult, m: int = 1000) -> Lottery:
    """Round a selection result into a uniform lottery over m concrete panels."""
    cp = compile_problem(result.problem)
    return round_lottery(result.problem, cp, result.distribution, result.probabilities, m)


__all__ = [
    "ALGORITHMS",
    "Distribution",
    "InfeasibleQuotasError",
    "InvalidInputError",
    "Lottery",
    "LotteryError",
    "Pool",
    "Problem",
    "Quality",
    "Quota",
    "SelectionResult",
    "SelfCheckError",
    "SortitionError",
    "Verification",
    "draw_number",
    "make_lottery",
    "read_pool",
    "read_quotas",
    "round_lottery",
    "select",
    "verify",
]

"""Panel selection by lot with quotas: LEXIMIN (fair), legacy greedy, transparent lottery.

Pure Python (numpy + HiGHS through `highspy`), no Django. Typical use::

    pool = read_pool("respondents.csv")
    problem = Problem(pool, read_quotas("categories.csv"), k=30)
    result = select(problem)              # LEXIMIN, self-checked
    lottery = make_lottery(result, m=1000)
    number = draw_number(published_seed, lottery.m)
"""

from concerto.engines import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    {
        "ALGORITHMS": "selection",
        "Distribution": "model",
        "InfeasibleQuotasError": "infeasible",
        "InvalidInputError": "model",
        "Lottery": "lottery",
        "LotteryError": "lottery",
        "Pool": "model",
        "Problem": "model",
        "Quality": "model",
        "Quota": "model",
        "Reason": "reasons",
        "SelectionResult": "model",
        "SelfCheckError": "checks",
        "SortitionError": "model",
        "Verification": "lottery",
        "compile_problem": "compiled",
        "draw_number": "lottery",
        "make_lottery": "lottery",
        "read_pool": "csvio",
        "read_quotas": "csvio",
        "round_lottery": "lottery",
        "select": "selection",
        "verify": "lottery",
    },
)

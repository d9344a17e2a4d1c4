"""Evaluate a process description against a version of the quality grid."""

from __future__ import annotations

from datetime import date

from concerto.engines.quality.description import ProcessDescription
from concerto.engines.quality.grid import Grid, load_grid
from concerto.engines.quality.registry import get_rule_kind
from concerto.engines.quality.results import CriterionResult, GridResult


def evaluate(
    description: ProcessDescription, grid: Grid | None = None, *, today: date
) -> GridResult:
    """Judge `description` on every criterion of `grid` (the latest version when None).

    `today` is the reference date for criteria relative to now (referral lead
    time); it is explicit so that the same inputs always give the same
    result: pass the submission date when judging a frozen referral, the
    current date when pre-checking a draft.
    """
    grid = grid or load_grid()
    results = []
    for criterion in grid.criteria:
        outcome = get_rule_kind(criterion.rule).function(description, criterion.params, today)
        results.append(
            CriterionResult(
                code=criterion.code,
                title=criterion.title,
                status=outcome.status,
                findings=outcome.findings,
                reference=criterion.reference,
            )
        )
    return GridResult(grid_version=grid.version, evaluated_on=today, results=tuple(results))

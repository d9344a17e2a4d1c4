"""Quality grid engine: pre-checks a participatory process against the CIPC's grid.

Pure Python (no Django). The Django side builds a `ProcessDescription`,
calls `evaluate`, and stores the `GridResult` (see `GridResult.as_dict`).
The grid's criteria are data: `grids/<version>.toml`, loaded by `load_grid`.
The engine writes no sentence: each verdict comes with findings, codes and
values (`findings.py`) that the platform puts into words.
"""

from concerto.engines.quality.description import (
    FollowUpCommitment,
    InformationSource,
    Method,
    ProcessDescription,
)
from concerto.engines.quality.engine import evaluate
from concerto.engines.quality.findings import (
    CODES,
    COMMITMENT_PARTS,
    DATE_CODES,
    Finding,
)
from concerto.engines.quality.grid import (
    Criterion,
    Grid,
    GridError,
    available_versions,
    load_grid,
    load_grid_file,
    parse_grid,
)
from concerto.engines.quality.registry import rule_kinds
from concerto.engines.quality.results import CriterionResult, GridResult, Outcome, Status
from concerto.engines.quality.rules.framing import STATED_FIELDS

__all__ = [
    "CODES",
    "COMMITMENT_PARTS",
    "DATE_CODES",
    "STATED_FIELDS",
    "Criterion",
    "CriterionResult",
    "Finding",
    "FollowUpCommitment",
    "Grid",
    "GridError",
    "GridResult",
    "InformationSource",
    "Method",
    "Outcome",
    "ProcessDescription",
    "Status",
    "available_versions",
    "evaluate",
    "load_grid",
    "load_grid_file",
    "parse_grid",
    "rule_kinds",
]

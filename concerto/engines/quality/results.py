"""Typed output of the quality grid: statuses and findings, no sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from concerto.engines.quality.findings import Finding


class Status(StrEnum):
    """Verdict on one criterion.

    MET: the information is stated and satisfies the criterion.
    AT_RISK: the information is (at least partly) stated but falls short:
        below a threshold, dates in the wrong order, a part left blank.
        The CIPC advisor should look; the ministry can usually fix it.
    MISSING: the information the criterion needs is not stated at all.
    """

    MET = "met"
    AT_RISK = "at_risk"
    MISSING = "missing"


@dataclass(frozen=True)
class Outcome:
    """What a rule function returns: a status and the findings that explain it, in the
    order they are read."""

    status: Status
    findings: tuple[Finding, ...]

    def __init__(self, status: Status, *findings: Finding) -> None:
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "findings", findings)


@dataclass(frozen=True)
class CriterionResult:
    """The verdict on one criterion of the grid.

    code: the criterion's stable code in the grid (e.g. "participation-before-decision").
    title: its French title, from the grid.
    status: MET, AT_RISK or MISSING.
    findings: why, specific to the process (its dates and numbers), as codes and
        values: the platform puts them into words.
    reference: the text the criterion comes from (OCDE 2022, CNDP, Charte 2016, CIPC…).
    """

    code: str
    title: str
    status: Status
    findings: tuple[Finding, ...]
    reference: str


@dataclass(frozen=True)
class GridResult:
    """The verdicts on every criterion of one grid version, in grid order."""

    grid_version: str
    evaluated_on: date
    results: tuple[CriterionResult, ...]

    @property
    def counts(self) -> dict[Status, int]:
        """Number of criteria per status, every status present (possibly 0)."""
        counts = dict.fromkeys(Status, 0)
        for result in self.results:
            counts[result.status] += 1
        return counts

    @property
    def met(self) -> int:
        return self.counts[Status.MET]

    @property
    def at_risk(self) -> int:
        return self.counts[Status.AT_RISK]

    @property
    def missing(self) -> int:
        return self.counts[Status.MISSING]

    def get(self, code: str) -> CriterionResult:
        """The result for criterion `code`; KeyError if the grid has no such criterion."""
        for result in self.results:
            if result.code == code:
                return result
        raise KeyError(code)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy, e.g. to store the pre-check beside a referral."""
        return {
            "grid_version": self.grid_version,
            "evaluated_on": self.evaluated_on.isoformat(),
            "counts": {status.value: count for status, count in self.counts.items()},
            "results": [
                {
                    "code": result.code,
                    "title": result.title,
                    "status": result.status.value,
                    "findings": [finding.to_json() for finding in result.findings],
                    "reference": result.reference,
                }
                for result in self.results
            ],
        }

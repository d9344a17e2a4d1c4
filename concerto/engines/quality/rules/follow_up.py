"""Devoir-de-suite rules: a committed follow-up date and complete commitments."""

from __future__ import annotations

from datetime import date

from concerto.engines.quality.description import FollowUpCommitment, ProcessDescription
from concerto.engines.quality.findings import COMMITMENT_PARTS, Finding, finding
from concerto.engines.quality.registry import (
    Param,
    Params,
    non_negative_int,
    positive_int,
    rule_kind,
)
from concerto.engines.quality.results import Outcome, Status


@rule_kind("follow_up_date", max_days_after_participation_end=Param(non_negative_int))
def follow_up_date(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """A follow-up date is committed, after the participation and by the decision.

    MET: participation_end < follow_up_date <= decision_date, and
        follow_up_date - participation_end <= max_days_after_participation_end.
    AT_RISK: the date is set but breaks one of these, or the participation end
        or decision date needed to check it is unset (every problem is listed).
    MISSING: follow_up_date unset.
    """
    follow_up = description.follow_up_date
    if follow_up is None:
        return Outcome(Status.MISSING, finding("follow_up_date_missing"))
    end, decision = description.participation_end, description.decision_date
    max_days = params["max_days_after_participation_end"]
    problems = [
        problem
        for problem in (
            _check_against_end(follow_up, end, max_days),
            _check_against_decision(follow_up, decision),
        )
        if problem
    ]
    if problems or end is None or decision is None:
        return Outcome(Status.AT_RISK, *problems)
    return Outcome(
        Status.MET,
        finding(
            "follow_up_date_met",
            follow_up=follow_up,
            end=end,
            decision=decision,
            days=(follow_up - end).days,
        ),
    )


def _check_against_end(follow_up: date, end: date | None, max_days: int) -> Finding | None:
    """The problem with the follow-up date relative to the participation end, if any."""
    if end is None:
        return finding("follow_up_end_unknown")
    if follow_up < end:
        return finding("follow_up_before_end", follow_up=follow_up, end=end)
    if follow_up == end:
        return finding("follow_up_on_end", follow_up=follow_up)
    if (follow_up - end).days > max_days:
        return finding(
            "follow_up_long_after_end",
            follow_up=follow_up,
            end=end,
            days=(follow_up - end).days,
            max_days=max_days,
        )
    return None


def _check_against_decision(follow_up: date, decision: date | None) -> Finding | None:
    """The problem with the follow-up date relative to the decision date, if any."""
    if decision is None:
        return finding("follow_up_decision_unknown")
    if follow_up > decision:
        return finding(
            "follow_up_after_decision",
            follow_up=follow_up,
            decision=decision,
            days=(follow_up - decision).days,
        )
    return None


def _missing_parts(commitment: FollowUpCommitment) -> list[str]:
    """The parts (`COMMITMENT_PARTS`) this commitment leaves blank."""
    missing = []
    for attribute in COMMITMENT_PARTS:
        value = getattr(commitment, attribute)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(attribute)
    return missing


@rule_kind("follow_up_commitments", min_commitments=Param(positive_int))
def follow_up_commitments(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """At least `min_commitments` commitments are complete.

    A commitment is complete when it states what will be answered, who
    answers, through which channel and by which date.
    MET: at least `min_commitments` complete commitments (incomplete ones are
        still listed in the findings).
    AT_RISK: commitments exist but fewer are complete.
    MISSING: no commitment at all.
    """
    commitments = description.follow_up_commitments
    if not commitments:
        return Outcome(Status.MISSING, finding("commitments_none"))
    minimum = params["min_commitments"]
    gaps: list[Finding] = []
    complete = 0
    for number, commitment in enumerate(commitments, start=1):
        missing = _missing_parts(commitment)
        if not missing:
            complete += 1
            continue
        gaps.append(
            finding(
                "commitment_incomplete",
                number=number,
                what=commitment.what.strip(),
                missing=missing,
            )
        )
    total = len(commitments)
    if complete >= minimum:
        return Outcome(
            Status.MET, finding("commitments_complete", complete=complete, total=total), *gaps
        )
    if complete == 0:
        # With a single commitment its own gap says it all.
        if total == 1:
            return Outcome(Status.AT_RISK, *gaps)
        return Outcome(Status.AT_RISK, finding("commitments_none_complete", total=total), *gaps)
    summary = finding(
        "commitments_too_few_complete", complete=complete, total=total, minimum=minimum
    )
    return Outcome(Status.AT_RISK, summary, *gaps)

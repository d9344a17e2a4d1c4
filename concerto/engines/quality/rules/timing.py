"""Calendar rules: time to answer before the decision, duration, referral lead time.

Days are calendar days. A participation from D1 to D2 is open both days, so
its duration is (D2 - D1) + 1 days; gaps between two events are D2 - D1.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from concerto.engines.quality.description import ProcessDescription
from concerto.engines.quality.findings import finding
from concerto.engines.quality.registry import (
    Param,
    Params,
    days_by_method,
    non_negative_int,
    rule_kind,
)
from concerto.engines.quality.results import Outcome, Status


def _missing_dates(**dates: date | None) -> Outcome:
    """MISSING, naming the unset dates among `dates` (codes of `DATE_CODES`)."""
    unset = [code for code, value in dates.items() if value is None]
    return Outcome(Status.MISSING, finding("dates_missing", dates=unset))


@rule_kind("participation_before_decision", min_days=Param(non_negative_int))
def participation_before_decision(
    description: ProcessDescription, params: Params, today: date
) -> Outcome:
    """The participation ends at least `min_days` before the decision date.

    MET: decision_date - participation_end >= min_days.
    AT_RISK: fewer days, the same day, or a participation ending after the decision.
    MISSING: participation_end or decision_date unset.
    """
    end, decision = description.participation_end, description.decision_date
    if end is None or decision is None:
        return _missing_dates(participation_end=end, decision=decision)
    min_days = params["min_days"]
    gap = (decision - end).days
    if gap < 0:
        return Outcome(
            Status.AT_RISK, finding("decision_before_end", end=end, decision=decision, days=-gap)
        )
    if gap >= min_days:
        return Outcome(
            Status.MET,
            finding("answer_time_met", end=end, decision=decision, days=gap, min_days=min_days),
        )
    if gap == 0:
        return Outcome(
            Status.AT_RISK, finding("ends_on_decision_day", decision=decision, min_days=min_days)
        )
    return Outcome(
        Status.AT_RISK,
        finding("answer_time_short", end=end, decision=decision, days=gap, min_days=min_days),
    )


@rule_kind(
    "participation_duration",
    min_days=Param(non_negative_int),
    min_days_by_method=Param(days_by_method, default=MappingProxyType({})),
)
def participation_duration(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """The participation stays open long enough.

    The minimum is the largest of the minimums of the chosen methods, where a
    method absent from `min_days_by_method` (or no method at all) uses `min_days`.
    MET: (participation_end - participation_start) + 1 >= that minimum.
    AT_RISK: shorter, or an end before the start.
    MISSING: participation_start or participation_end unset.
    """
    start, end = description.participation_start, description.participation_end
    if start is None or end is None:
        return _missing_dates(participation_start=start, participation_end=end)
    if end < start:
        return Outcome(Status.AT_RISK, finding("ends_before_start", start=start, end=end))
    minimum, method = _minimum_duration(description.methods, params)
    period = {"start": start, "end": end, "days": (end - start).days + 1, "min_days": minimum}
    if period["days"] < minimum:
        if method:
            return Outcome(
                Status.AT_RISK, finding("duration_short_for_method", **period, method=method)
            )
        return Outcome(Status.AT_RISK, finding("duration_short", **period))
    return Outcome(Status.MET, finding("duration_met", **period))


def _minimum_duration(methods: tuple[str, ...], params: Params) -> tuple[int, str | None]:
    """(minimum days, the method code that sets it, or None when the default does)."""
    by_method, default = params["min_days_by_method"], params["min_days"]
    # Each chosen method needs its own minimum (the default when unlisted); the
    # participation must satisfy the most demanding one. First one wins a tie.
    candidates = [
        (by_method.get(code, default), code if code in by_method else None) for code in methods
    ]
    if not candidates:
        return default, None
    return max(candidates, key=lambda candidate: candidate[0])


@rule_kind("referral_lead_time", min_days=Param(non_negative_int))
def referral_lead_time(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """The participation starts at least `min_days` after `today`, so the CIPC can review.

    `today` should be the referral's submission date when judging a frozen
    referral, so that the verdict does not drift while it waits for review.
    MET: participation_start - today >= min_days.
    AT_RISK: fewer days, or a participation that has already started.
    MISSING: participation_start unset.
    """
    start = description.participation_start
    if start is None:
        return _missing_dates(participation_start=start)
    min_days = params["min_days"]
    lead = (start - today).days
    if lead < 0:
        return Outcome(
            Status.AT_RISK, finding("started_before_review", start=start, min_days=min_days)
        )
    # A lead of 0 days means the participation starts today.
    code = "lead_time_short" if lead < min_days else "lead_time_met"
    status = Status.AT_RISK if lead < min_days else Status.MET
    return Outcome(status, finding(code, start=start, days=lead, min_days=min_days))

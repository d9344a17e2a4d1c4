"""Calendar rules: time to answer before the decision, duration, referral lead time.

Days are calendar days. A participation from D1 to D2 is open both days, so
its duration is (D2 - D1) + 1 days; gaps between two events are D2 - D1.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from concerto.engines.quality.description import Method, ProcessDescription
from concerto.engines.quality.french import days, fmt_date, missing_dates, quote
from concerto.engines.quality.registry import (
    Param,
    Params,
    days_by_method,
    non_negative_int,
    rule_kind,
)
from concerto.engines.quality.results import Outcome, Status

START = "début de participation"
END = "fin de participation"
DECISION = "décision"


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
        labels = [label for label, value in ((END, end), (DECISION, decision)) if value is None]
        return Outcome(Status.MISSING, missing_dates(labels))
    min_days = params["min_days"]
    gap = (decision - end).days
    if gap < 0:
        return Outcome(
            Status.AT_RISK,
            f"La participation se termine le {fmt_date(end)}, {days(-gap)} après la décision"
            f" du {fmt_date(decision)} : elle ne peut plus l'influencer.",
        )
    if gap >= min_days:
        return Outcome(
            Status.MET,
            f"La participation se termine le {fmt_date(end)}, {days(gap)} avant la décision"
            f" du {fmt_date(decision)} : les {days(min_days)} nécessaires pour répondre"
            " sont prévus.",
        )
    if gap == 0:
        return Outcome(
            Status.AT_RISK,
            f"La participation se termine le jour même de la décision ({fmt_date(decision)})"
            f" : il faut au moins {days(min_days)} pour répondre.",
        )
    return Outcome(
        Status.AT_RISK,
        f"La participation se termine le {fmt_date(end)}, {days(gap)} avant la décision"
        f" du {fmt_date(decision)} : moins que les {days(min_days)} nécessaires pour répondre.",
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
        labels = [label for label, value in ((START, start), (END, end)) if value is None]
        return Outcome(Status.MISSING, missing_dates(labels))
    if end < start:
        return Outcome(
            Status.AT_RISK,
            f"La participation se termine le {fmt_date(end)}, avant de commencer"
            f" le {fmt_date(start)} : le calendrier est incohérent.",
        )
    minimum, method = _minimum_duration(description.methods, params)
    duration = (end - start).days + 1
    period = f"{days(duration)} (du {fmt_date(start)} au {fmt_date(end)})"
    if duration < minimum:
        reason = f" pour la méthode {quote(Method(method).label)}" if method else ""
        return Outcome(
            Status.AT_RISK,
            f"La participation dure {period}, moins que les {days(minimum)} attendus{reason}.",
        )
    return Outcome(
        Status.MET,
        f"La participation dure {period} : au moins les {days(minimum)} attendus.",
    )


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
        return Outcome(Status.MISSING, missing_dates([START]))
    min_days = params["min_days"]
    lead = (start - today).days
    if lead < 0:
        return Outcome(
            Status.AT_RISK,
            f"La participation a commencé le {fmt_date(start)}, avant l'avis du CIPC :"
            f" il doit être saisi au moins {days(min_days)} avant le lancement.",
        )
    when = "aujourd'hui" if lead == 0 else f"dans {days(lead)}"
    if lead < min_days:
        return Outcome(
            Status.AT_RISK,
            f"La participation commence le {fmt_date(start)}, {when} : moins que"
            f" les {days(min_days)} nécessaires à l'examen du CIPC.",
        )
    return Outcome(
        Status.MET,
        f"La participation commence le {fmt_date(start)}, {when} : le CIPC dispose"
        f" des {days(min_days)} nécessaires à son examen.",
    )

"""What the quality grid has to say about a process, as codes and values.

The engine speaks codes; whoever displays a verdict puts it into words. A rule returns
findings, each a code from `CODES` and the values that code names: plain JSON values
(numbers, strings, lists of strings, None), dates in ISO 8601, amounts as decimal
strings, description fields, dates and methods by their code. So a finding is stored
as it is (`to_json`) and worded at display time, in the reader's language, by the
platform (`concerto/processes/quality_words.py`), never here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

# Every code a rule may return, with the names of its values. The comments say what a
# value holds when its name does not.
CODES: Mapping[str, tuple[str, ...]] = {
    # Calendar (rules/timing.py). `dates`: codes of `DATE_CODES`; `days`, `min_days`:
    # numbers of days.
    "dates_missing": ("dates",),
    "decision_before_end": ("end", "decision", "days"),
    "ends_on_decision_day": ("decision", "min_days"),
    "answer_time_short": ("end", "decision", "days", "min_days"),
    "answer_time_met": ("end", "decision", "days", "min_days"),
    "ends_before_start": ("start", "end"),
    "duration_short": ("start", "end", "days", "min_days"),
    "duration_short_for_method": ("start", "end", "days", "min_days", "method"),
    "duration_met": ("start", "end", "days", "min_days"),
    "started_before_review": ("start", "min_days"),
    "lead_time_short": ("start", "days", "min_days"),
    "lead_time_met": ("start", "days", "min_days"),
    # Devoir de suite (rules/follow_up.py). `missing`: codes of `COMMITMENT_PARTS`.
    "follow_up_date_missing": (),
    "follow_up_end_unknown": (),
    "follow_up_before_end": ("follow_up", "end"),
    "follow_up_on_end": ("follow_up",),
    "follow_up_long_after_end": ("follow_up", "end", "days", "max_days"),
    "follow_up_decision_unknown": (),
    "follow_up_after_decision": ("follow_up", "decision", "days"),
    "follow_up_date_met": ("follow_up", "end", "decision", "days"),
    "commitments_none": (),
    "commitments_complete": ("complete", "total"),
    "commitments_none_complete": ("total",),
    "commitments_too_few_complete": ("complete", "total", "minimum"),
    "commitment_incomplete": ("number", "what", "missing"),
    # Framing (rules/framing.py). `fields`, `present`, `absent`: description field
    # names (`STATED_FIELDS`); `methods`: method codes; `codes`: unknown method codes.
    "stated_all": ("fields",),
    "stated_none": ("fields",),
    "stated_some": ("present", "absent"),
    "methods_none": (),
    "methods_chosen": ("methods",),
    "methods_none_known": (),
    "methods_unknown": ("codes",),
    "methods_too_few": ("minimum",),
    "budget_missing": (),
    "budget_negative": ("amount",),
    "budget_zero": (),
    "budget_met": ("amount",),
    "guarantor_named": ("guarantor",),
    "guarantor_not_required": (),
    "guarantor_no_method": (),
    "guarantor_required": ("methods",),
    # Information (rules/information.py). `sources`: their number; `viewpoints`: the
    # distinct viewpoint labels as first written; `min_sources`, `min_viewpoints`: the
    # threshold missed, None when that count is enough.
    "sources_none": (),
    "information_plural": ("sources", "viewpoints"),
    "information_short": ("sources", "viewpoints", "min_sources", "min_viewpoints"),
}

# The dates a `dates_missing` finding may name.
DATE_CODES = ("participation_start", "participation_end", "decision")

# The parts of a devoir-de-suite commitment, in the order they are named.
COMMITMENT_PARTS = ("what", "who", "channel", "due_date")


@dataclass(frozen=True)
class Finding:
    """One thing the grid says about a criterion: a code of `CODES` and its values."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise KeyError(f"unknown quality finding {self.code!r}")
        if set(self.values) != set(CODES[self.code]):
            raise ValueError(
                f"quality finding {self.code!r} takes the values {list(CODES[self.code])!r},"
                f" got {sorted(self.values)!r}"
            )

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "values": dict(self.values)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        return cls(data["code"], dict(data.get("values") or {}))


def finding(code: str, **values: Any) -> Finding:
    """`Finding(code, values)`, the values made plain JSON (see the module docstring)."""
    return Finding(code, {name: _plain(value) for name, value in values.items()})


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value

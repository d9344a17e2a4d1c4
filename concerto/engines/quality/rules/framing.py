"""Framing rules: stated fields, OECD methods, budget, guarantor."""

from __future__ import annotations

from datetime import date
from typing import Any

from concerto.engines.quality.description import Method, ProcessDescription
from concerto.engines.quality.findings import finding
from concerto.engines.quality.registry import Param, Params, method_codes, positive_int, rule_kind
from concerto.engines.quality.results import Outcome, Status

# The description fields a `stated` criterion may require.
STATED_FIELDS: tuple[str, ...] = (
    "title",
    "decision_at_stake",
    "decision_maker",
    "sponsor",
    "negotiable",
    "non_negotiable",
    "alternatives",
    "publics_concerned",
    "offline_reach",
    "target_participants",
    "guarantor",
    "evaluation_plan",
)


def stated_fields(value: Any) -> tuple[str, ...]:
    """Converter for the `fields` parameter: a non-empty list of known field names."""
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"expected a non-empty list of field names, got {value!r}")
    unknown = [name for name in value if name not in STATED_FIELDS]
    if unknown:
        known = ", ".join(STATED_FIELDS)
        raise ValueError(f"unknown field(s) {unknown!r} (known: {known})")
    return tuple(value)


def is_stated(value: object) -> bool:
    """Text counts when not blank; a number when it is positive (a target of 0 says nothing)."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, int):
        return value > 0
    return value is not None


@rule_kind("stated", fields=Param(stated_fields))
def stated(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """Every field listed in `fields` is stated (see `is_stated`).

    MET: all are stated. AT_RISK: some are. MISSING: none is.
    """
    present = [name for name in params["fields"] if is_stated(getattr(description, name))]
    absent = [name for name in params["fields"] if name not in present]
    if not absent:
        return Outcome(Status.MET, finding("stated_all", fields=present))
    if not present:
        return Outcome(Status.MISSING, finding("stated_none", fields=absent))
    return Outcome(Status.AT_RISK, finding("stated_some", present=present, absent=absent))


def _unique(codes: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(code.strip() for code in codes if code.strip()))


@rule_kind("methods", min_methods=Param(positive_int, default=1))
def methods(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """At least `min_methods` of the OECD's eight methods are chosen.

    MET: enough distinct known methods and no unknown code.
    AT_RISK: an unknown method code, or too few methods.
    MISSING: no method at all.
    """
    codes = _unique(description.methods)
    if not codes:
        return Outcome(Status.MISSING, finding("methods_none"))
    known_codes = {method.value for method in Method}
    known = [code for code in codes if code in known_codes]
    unknown = [code for code in codes if code not in known_codes]
    chosen = finding("methods_chosen", methods=known) if known else finding("methods_none_known")
    minimum = params["min_methods"]
    problems = []
    if unknown:
        problems.append(finding("methods_unknown", codes=unknown))
    if known and len(known) < minimum:
        problems.append(finding("methods_too_few", minimum=minimum))
    if problems:
        return Outcome(Status.AT_RISK, chosen, *problems)
    return Outcome(Status.MET, chosen)


@rule_kind("budget")
def budget(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """A budget is stated.

    MET: a positive amount. AT_RISK: zero or a negative amount. MISSING: unset.
    """
    amount = description.budget_amount
    if amount is None:
        return Outcome(Status.MISSING, finding("budget_missing"))
    if amount < 0:
        return Outcome(Status.AT_RISK, finding("budget_negative", amount=amount))
    if amount == 0:
        return Outcome(Status.AT_RISK, finding("budget_zero"))
    return Outcome(Status.MET, finding("budget_met", amount=amount))


@rule_kind("guarantor", required_for_methods=Param(method_codes))
def guarantor(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """A guarantor is named when one of the chosen methods requires one.

    MET: a guarantor is named, or none of the chosen methods is listed in
        `required_for_methods`.
    MISSING: no guarantor while a chosen method requires one.
    Never AT_RISK.
    """
    if is_stated(description.guarantor):
        return Outcome(
            Status.MET, finding("guarantor_named", guarantor=description.guarantor.strip())
        )
    requiring = [
        code for code in _unique(description.methods) if code in params["required_for_methods"]
    ]
    if not requiring:
        code = "guarantor_not_required" if description.methods else "guarantor_no_method"
        return Outcome(Status.MET, finding(code))
    return Outcome(Status.MISSING, finding("guarantor_required", methods=requiring))

"""The engine speaks codes: every verdict is explained by findings, a code of `CODES` and
its values, and no value is a sentence of the engine's own (issue 20)."""

import re
from dataclasses import fields
from datetime import date

import pytest

from concerto.engines.quality import (
    CODES,
    COMMITMENT_PARTS,
    DATE_CODES,
    STATED_FIELDS,
    Finding,
    FollowUpCommitment,
    InformationSource,
    Method,
)
from tests.engines.quality.varied import verdicts

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
CODE_WORDS = {*STATED_FIELDS, *DATE_CODES, *COMMITMENT_PARTS, *(method.value for method in Method)}


def _input_texts(description) -> set[str]:
    """Every text the ministry typed in `description`, as typed and stripped."""
    texts: set[str] = set()
    for field in fields(description):
        value = getattr(description, field.name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, InformationSource | FollowUpCommitment):
                texts |= {v for v in vars(item).values() if isinstance(v, str)}
            elif isinstance(item, str):
                texts.add(item)
    return texts | {text.strip() for text in texts}


def _strings(value):
    if isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value
    else:
        assert value is None or (isinstance(value, int) and not isinstance(value, bool))


def test_every_finding_is_a_known_code_whose_values_hold_no_prose():
    """A string value is a code, an ISO date, an amount, or what the ministry typed."""
    seen = set()
    for described, result in verdicts():
        assert result.findings, result.code
        typed = _input_texts(described)
        for finding in result.findings:
            assert finding.code in CODES
            assert set(finding.values) == set(CODES[finding.code])
            seen.add(finding.code)
            for text in _strings(list(finding.values.values())):
                assert (
                    text in CODE_WORDS
                    or text in typed
                    or ISO_DATE.match(text)
                    or DECIMAL.match(text)
                ), (finding, text)
    # The varied descriptions meet every code, so the wording's tests word them all.
    assert seen == set(CODES)


def test_a_finding_refuses_an_unknown_code_or_other_values():
    with pytest.raises(KeyError):
        Finding("la_date_manque")
    with pytest.raises(ValueError, match="takes the values"):
        Finding("budget_met", {"montant": "12"})
    assert Finding.from_json(Finding("budget_met", {"amount": "12"}).to_json()) == Finding(
        "budget_met", {"amount": "12"}
    )


def test_missing_dates_are_named_by_code_in_the_grid_order(check):
    result = check("participation-before-decision", participation_end=None, decision_date=None)
    assert result.findings == (
        Finding("dates_missing", {"dates": ["participation_end", "decision"]}),
    )


def test_calendar_findings_carry_iso_dates_and_numbers_of_days(check):
    result = check(
        "participation-before-decision",
        participation_end=date(2027, 3, 12),
        decision_date=date(2027, 3, 22),
    )
    assert result.findings == (
        Finding(
            "answer_time_short",
            {"end": "2027-03-12", "decision": "2027-03-22", "days": 10, "min_days": 30},
        ),
    )


def test_an_incomplete_commitment_names_its_blank_parts(check):
    result = check(
        "follow-up-commitments",
        follow_up_commitments=(FollowUpCommitment(what="  Un compte rendu ", channel="Site"),),
    )
    assert [finding.to_json() for finding in result.findings] == [
        {
            "code": "commitment_incomplete",
            "values": {"number": 1, "what": "Un compte rendu", "missing": ["who", "due_date"]},
        }
    ]


def test_information_short_names_only_the_threshold_missed(check):
    result = check(
        "plural-information",
        information_sources=(
            InformationSource(title="A", viewpoint="Agence"),
            InformationSource(title="B", viewpoint=" agence"),
            InformationSource(title="C", viewpoint="Fédération"),
        ),
    )
    assert [finding.code for finding in result.findings] == ["information_plural"]
    result = check(
        "plural-information",
        information_sources=(
            InformationSource(title="A", viewpoint="Agence"),
            InformationSource(title="B", viewpoint=" agence"),
            InformationSource(title="C", viewpoint=""),
        ),
    )
    assert result.findings == (
        Finding(
            "information_short",
            {"sources": 3, "viewpoints": ["Agence"], "min_sources": None, "min_viewpoints": 2},
        ),
    )

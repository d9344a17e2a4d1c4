"""Many varied descriptions, judged by grid 2026-1 and by a stricter grid, so that every
finding the engine can return is met (test_quality_findings.py checks it is)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from concerto.engines.quality import (
    CriterionResult,
    FollowUpCommitment,
    Grid,
    InformationSource,
    ProcessDescription,
    evaluate,
    load_grid,
    parse_grid,
)

BASE = date(2027, 1, 4)
METHODS = ("information", "open_meetings", "public_consultation", "open_innovation",
           "citizen_science", "civic_monitoring", "participatory_budgeting", "deliberative",
           " inconnue ", "autre", "")  # fmt: skip
TEXTS = ("", "  ", "Un texte", "  Un texte espacé  ")
VIEWPOINTS = ("Agence sanitaire", "agence sanitaire ", "Fédération", "", "  ", "Association")
AMOUNTS = (None, "0", "-500", "80000", "1250.5", "1234567.891")

# Thresholds the packaged grid does not use: three methods, two complete commitments…
STRICTER = {
    "methods": {"min_methods": 3},
    "plural_information": {"min_sources": 1, "min_viewpoints": 3},
    "follow_up_commitments": {"min_commitments": 2},
    "guarantor": {"required_for_methods": ["deliberative", "open_meetings"]},
    "participation_duration": {"min_days_by_method": {"deliberative": 60, "open_meetings": 40}},
    "follow_up_date": {"max_days_after_participation_end": 1},
    "referral_lead_time": {"min_days": 1},
}


def stricter_grid() -> Grid:
    criteria = []
    for criterion in load_grid("2026-1").criteria:
        params = {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in criterion.params.items()
        }
        params.update(STRICTER.get(criterion.rule, {}))
        criteria.append(
            {
                "code": criterion.code,
                "title": criterion.title,
                "description": criterion.description,
                "reference": criterion.reference,
                "rule": criterion.rule,
                "params": params,
            }
        )
    return parse_grid({"version": "2099-1", "title": "Grille stricte", "criteria": criteria})


def _date(rng: random.Random, around: date) -> date | None:
    return None if rng.random() < 0.15 else around + timedelta(days=rng.randint(-60, 120))


def description(seed: int) -> tuple[ProcessDescription, date]:
    """A description drawn from `seed`, and the day it is judged."""
    rng = random.Random(seed)
    amount = rng.choice(AMOUNTS)
    return ProcessDescription(
        decision_at_stake=rng.choice(TEXTS),
        decision_maker=rng.choice(TEXTS),
        sponsor=rng.choice(TEXTS),
        negotiable=rng.choice(TEXTS),
        non_negotiable=rng.choice(TEXTS),
        alternatives=rng.choice(TEXTS),
        participation_start=_date(rng, BASE),
        participation_end=_date(rng, BASE + timedelta(days=30)),
        decision_date=_date(rng, BASE + timedelta(days=60)),
        follow_up_date=_date(rng, BASE + timedelta(days=50)),
        publics_concerned=rng.choice(TEXTS),
        offline_reach=rng.choice(TEXTS),
        target_participants=rng.choice([None, 0, 5000]),
        methods=tuple(rng.sample(METHODS, rng.randint(0, 4))),
        information_sources=tuple(
            InformationSource(title="Source", viewpoint=rng.choice(VIEWPOINTS))
            for _ in range(rng.randint(0, 5))
        ),
        budget_amount=None if amount is None else Decimal(amount),
        guarantor=rng.choice(TEXTS),
        follow_up_commitments=tuple(
            FollowUpCommitment(
                what=rng.choice(TEXTS),
                who=rng.choice(TEXTS),
                channel=rng.choice(TEXTS),
                due_date=rng.choice([None, BASE]),
            )
            for _ in range(rng.randint(0, 4))
        ),
        evaluation_plan=rng.choice(TEXTS),
    ), BASE + timedelta(days=rng.randint(-10, 60))


def verdicts(count: int = 300) -> Iterator[tuple[ProcessDescription, CriterionResult]]:
    """Each of `count` descriptions with each of its verdicts, under both grids."""
    grids = (load_grid("2026-1"), stricter_grid())
    for seed in range(count):
        described, today = description(seed)
        for grid in grids:
            for result in evaluate(described, grid, today=today).results:
                yield described, result

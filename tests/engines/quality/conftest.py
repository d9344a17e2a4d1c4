"""Shared builders: a complete description that meets every criterion of grid 2026-1.

Each test changes only the fields it is about, so a failure points at one rule.
The engine returns findings (codes and values); the tests that check the sentence a
reader gets put them into words with the platform's wording, `explain` (quality_words).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from concerto.engines.quality import (
    CriterionResult,
    FollowUpCommitment,
    Grid,
    InformationSource,
    ProcessDescription,
    evaluate,
    parse_grid,
)

TODAY = date(2027, 1, 4)

COMPLETE = ProcessDescription(
    title="Consultation sur la qualité de l'air intérieur",
    decision_at_stake="Le contenu du futur plan national qualité de l'air intérieur",
    decision_maker="La ministre de la transition écologique",
    sponsor="Direction générale de la prévention des risques",
    negotiable="Les mesures du plan et leur calendrier",
    non_negotiable="Les seuils sanitaires fixés par l'OMS",
    alternatives="Renforcer l'étiquetage, aider la rénovation, ou ne rien changer",
    participation_start=date(2027, 3, 1),
    participation_end=date(2027, 3, 31),
    decision_date=date(2027, 5, 14),
    follow_up_date=date(2027, 4, 30),
    publics_concerned="Tous les occupants de logements, les bailleurs, les artisans",
    offline_reach="Questionnaire papier en mairie et trois réunions publiques",
    target_participants=5000,
    methods=("public_consultation", "open_meetings"),
    information_sources=(
        InformationSource(title="Rapport de l'ANSES", viewpoint="Agence sanitaire"),
        InformationSource(title="Note de la FFB", viewpoint="Fédération professionnelle"),
        InformationSource(title="Avis de l'UFC", viewpoint="Association de consommateurs"),
    ),
    budget_amount=Decimal("80000"),
    guarantor="",
    follow_up_commitments=(
        FollowUpCommitment(
            what="Une réponse à chaque proposition retenue ou écartée",
            who="La ministre",
            channel="Page du dispositif",
            due_date=date(2027, 4, 30),
        ),
    ),
    evaluation_plan="Questionnaire aux participants et évaluation par un tiers",
)


def describe(**overrides: Any) -> ProcessDescription:
    """The complete description with `overrides` applied."""
    return replace(COMPLETE, **overrides)


def check(
    code: str, grid: Grid | None = None, today: date = TODAY, **overrides: Any
) -> CriterionResult:
    """Evaluate the complete description with `overrides` and return criterion `code`."""
    return evaluate(describe(**overrides), grid, today=today).get(code)


@pytest.fixture(name="check")
def check_fixture() -> Callable[..., CriterionResult]:
    return check


@pytest.fixture(name="describe")
def describe_fixture() -> Callable[..., ProcessDescription]:
    return describe


def one_criterion_grid(rule: str, **params: Any) -> Grid:
    """A test grid whose only criterion, coded "c", uses `rule` with `params`."""
    criterion = {
        "code": "c",
        "title": "Critère de test",
        "description": "Description du critère de test.",
        "reference": "Test",
        "rule": rule,
        "params": params,
    }
    return parse_grid({"version": "2099-1", "title": "Grille de test", "criteria": [criterion]})


@pytest.fixture(name="one_criterion_grid")
def one_criterion_grid_fixture() -> Callable[..., Grid]:
    return one_criterion_grid

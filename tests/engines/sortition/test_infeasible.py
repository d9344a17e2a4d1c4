"""Infeasible quotas are explained as reasons (codes and values, in French words by
default): which quotas, and by how much."""

import pytest

from concerto.engines.sortition import (
    InfeasibleQuotasError,
    InvalidInputError,
    Problem,
    Quota,
    Reason,
    select,
)
from concerto.engines.sortition.reasons import TEXTS
from tests.engines.sortition.helpers import gender_problem, pool


def reasons(problem, algorithm="leximin"):
    with pytest.raises(InfeasibleQuotasError) as exc:
        select(problem, algorithm)
    return [reason.text() for reason in exc.value.reasons]


def test_minimum_above_available_people():
    assert reasons(gender_problem(2, 5, 4, (3, 4), (0, 4))) == [
        "Quota « genre = f » : minimum de 3 mais seulement 2 personne(s) disponible(s) "
        "dans le vivier (il en manque 1)."
    ]


def test_minimums_of_a_category_above_k():
    assert reasons(gender_problem(5, 5, 4, (3, 4), (3, 4))) == [
        "Catégorie « genre » : la somme des minimums (6) dépasse de 2 le nombre de places "
        "à pourvoir (4)."
    ]


def test_maximums_of_a_category_below_k():
    assert reasons(gender_problem(5, 5, 6, (0, 2), (0, 3)), "legacy") == [
        "Catégorie « genre » : les maximums et le vivier ne permettent que 5 membres pour 6 "
        "places (il en manque 1)."
    ]


def test_conflict_between_categories_gives_smallest_correction():
    """All young people are women: 2 women max, yet 3 young people min."""
    rows = [("f", "jeune")] * 5 + [("m", "age")] * 5
    quotas = (
        Quota("genre", "f", 2, 2),
        Quota("genre", "m", 2, 2),
        Quota("age", "jeune", 3, 4),
        Quota("age", "age", 0, 1),
    )
    got = reasons(Problem(pool(rows, ("genre", "age")), quotas, 4))
    assert got[0].startswith("Les quotas de plusieurs catégories sont incompatibles")
    assert "(2 place(s) au total)" in got[0]
    assert len(got) == 3


def test_household_rule_leaving_too_few_people():
    p = pool([("u",)] * 4, ("x",), houses=["h1", "h1", "h1", "h2"])
    got = reasons(Problem(p, (Quota("x", "u", 0, 4),), 3, household_rule=True))
    assert got == [
        "La règle « une personne par foyer » ne laisse que 2 personnes sélectionnables "
        "pour 3 places."
    ]


def test_already_selected_above_a_maximum():
    problem = gender_problem(3, 3, 3, (0, 1), (0, 3), already_selected=("p1", "p2"))
    assert reasons(problem)[0] == (
        "Quota « genre = f » : les personnes déjà sélectionnées dépassent le maximum de 1."
    )


def test_the_engine_speaks_codes_and_values_the_platform_puts_into_words():
    with pytest.raises(InfeasibleQuotasError) as exc:
        select(gender_problem(2, 5, 4, (3, 4), (0, 4)), "leximin")
    (reason,) = exc.value.reasons
    assert reason.to_json() == {
        "code": "minimum_above_available",
        "values": {"category": "genre", "value": "f", "min": 3, "available": 2, "missing": 1},
    }
    assert all(type(value) in (str, int) for value in reason.values.values())  # plain JSON
    assert Reason.from_json(reason.to_json()) == reason
    # A translation function receives the template, then the values are put in.
    shout = {TEXTS["minimum_above_available"]: "Minimum %(min)s, disponibles %(available)s."}
    assert reason.text(shout.get) == "Minimum 3, disponibles 2."


def test_invalid_input_carries_its_reason():
    with pytest.raises(InvalidInputError) as exc:
        select(Problem(pool([("u",)] * 3, ("x",)), (Quota("y", "u", 0, 3),), 2))
    assert exc.value.reason.to_json() == {
        "code": "category_not_in_pool", "values": {"category": "y"},
    }  # fmt: skip
    assert str(exc.value) == "La catégorie « y » est absente du vivier."

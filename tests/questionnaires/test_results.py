"""Live results of closed questions: counts, shares, mean, average rank."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerto.questionnaires import actions
from concerto.questionnaires.models import QuestionKind
from concerto.questionnaires.results import compute_results, tally
from tests.factories import UserFactory
from tests.questionnaires.helpers import bike_questionnaire

pytestmark = pytest.mark.django_db

PISTES, PARKING, AIDS = "Pistes cyclables", "Stationnement", "Aides à l'achat"


def send(module, q, *, rides, trips=(), safety=None, priorities=None):
    answers = {q["rides"].pk: rides, q["trips"].pk: list(trips), q["ideas"].pk: "Une idée."}
    if safety is not None:
        answers[q["safety"].pk] = safety
    if priorities is not None:
        answers[q["priorities"].pk] = priorities
    actions.submit_response(module, participant=UserFactory(), answers=answers,
                            idempotency_key=uuid.uuid4())  # fmt: skip


def test_results_count_submitted_responses_only():
    module, _organiser, q = bike_questionnaire()
    send(module, q, rides="Oui", trips=["Travail", "Loisirs"], safety=2,
         priorities=[PISTES, PARKING, AIDS])  # fmt: skip
    send(module, q, rides="Oui", trips=["Travail"], safety=5, priorities=[PARKING, PISTES, AIDS])
    send(module, q, rides="Non", trips=["Courses"], safety=2, priorities=[PISTES, AIDS, PARKING])
    # A draft is not counted.
    actions.save_draft(module, participant=UserFactory(), answers={q["rides"].pk: "Non"},
                       idempotency_key=uuid.uuid4())  # fmt: skip

    rides, trips, safety, priorities = compute_results(module)

    assert rides.respondents == 3
    assert [(r.label, r.count, r.percent) for r in rides.rows] == [
        ("Oui", 2, 66.7), ("Non", 1, 33.3),
    ]  # fmt: skip
    # The third respondent did not see the trips question: their answer was dropped.
    assert trips.respondents == 2
    assert [(r.label, r.count, r.percent) for r in trips.rows] == [
        ("Travail", 2, 100.0), ("Courses", 0, 0.0), ("Loisirs", 1, 50.0),
    ]  # fmt: skip
    assert safety.respondents == 3 and safety.mean == 3.0
    assert [(r.label, r.count) for r in safety.rows] == [
        ("1", 0), ("2", 2), ("3", 0), ("4", 0), ("5", 1),
    ]  # fmt: skip
    # Ranks: pistes 1, 2, 1 → 1.33; parking 2, 1, 3 → 2; aids 3, 3, 2 → 2.67.
    assert [(r.label, r.average_rank, r.points) for r in priorities.rows] == [
        (PISTES, 1.33, 5), (PARKING, 2.0, 3), (AIDS, 2.67, 1),
    ]  # fmt: skip


def test_no_answer_yet_gives_zeros():
    module, _organiser, _q = bike_questionnaire()
    results = compute_results(module)
    assert [r.respondents for r in results] == [0, 0, 0, 0]
    assert results[2].mean is None
    assert [r.average_rank for r in results[3].rows] == [None, None, None]


def test_results_take_two_queries_whatever_the_number_of_responses():
    module, _organiser, q = bike_questionnaire()
    for _number in range(6):
        send(
            module, q, rides="Oui", trips=["Travail"], safety=3, priorities=[AIDS, PISTES, PARKING]
        )
    module.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        results = compute_results(module)
    assert len(queries) == 2
    assert results[0].rows[0].count == 6


def test_tally_of_multiple_choices_shares_per_respondent():
    class Question:
        kind = QuestionKind.MULTIPLE
        choices = ["A", "B", "C"]

    result = tally(Question(), [(["A", "B"], 3), (["B"], 1), (None, 4)])
    assert result.respondents == 4
    assert [(r.label, r.count, r.percent) for r in result.rows] == [
        ("A", 3, 75.0), ("B", 4, 100.0), ("C", 0, 0.0),
    ]  # fmt: skip

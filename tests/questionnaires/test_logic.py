"""Which questions show and which answers stand: shared by forms, actions and views."""

from types import SimpleNamespace

import pytest

from concerto.questionnaires.logic import AnswerError, check_answers, normalise, visible_ids
from concerto.questionnaires.models import QuestionKind


def question(pk, kind, *, choices=(), required=False, source=None, values=(), low=1, high=5):
    return SimpleNamespace(
        pk=pk, kind=kind, choices=list(choices), required=required, condition_question_id=source,
        condition_values=list(values), scale_min=low, scale_max=high,
    )  # fmt: skip


RIDES = question(1, QuestionKind.SINGLE, choices=["Oui", "Non"], required=True)
TRIPS = question(2, QuestionKind.MULTIPLE, choices=["Travail", "Loisirs"], required=True,
                 source=1, values=["Oui"])  # fmt: skip
DISTANCE = question(3, QuestionKind.SCALE, required=True, source=2, values=["Travail"])
WHY_NOT = question(4, QuestionKind.OPEN, required=True, source=1, values=["Non"])
QUESTIONS = [RIDES, TRIPS, DISTANCE, WHY_NOT]


def test_conditions_chain_through_earlier_questions():
    assert visible_ids(QUESTIONS, {}) == {1}
    assert visible_ids(QUESTIONS, {1: "Oui"}) == {1, 2}
    assert visible_ids(QUESTIONS, {1: "Oui", 2: ["Loisirs", "Travail"]}) == {1, 2, 3}
    # A hidden source hides its dependents, whatever was typed in it.
    assert visible_ids(QUESTIONS, {1: "Non", 2: ["Travail"]}) == {1, 4}


def test_a_final_answer_ignores_hidden_questions_and_requires_visible_ones():
    cleaned, errors = check_answers(
        QUESTIONS, {1: "Non", 2: ["Travail"], 3: 4, 4: "  Trop dangereux  "}, final=True
    )
    assert cleaned == {1: "Non", 4: "Trop dangereux"}
    assert errors == {}
    cleaned, errors = check_answers(QUESTIONS, {1: "Oui", 2: ["Travail"], 4: "Rien"}, final=True)
    assert cleaned == {1: "Oui", 2: ["Travail"]}
    assert errors == {3: "Répondez à cette question : elle est obligatoire."}


def test_a_draft_keeps_every_valid_answer_and_requires_nothing():
    cleaned, errors = check_answers(QUESTIONS, {2: ["Loisirs", "Travail"]}, final=False)
    assert cleaned == {2: ["Travail", "Loisirs"]}  # in the questionnaire's order
    assert errors == {}


def test_an_invalid_hidden_answer_is_ignored_on_submission_only():
    answers = {1: "Non", 2: ["Voiture"], 4: "Trop loin"}
    assert check_answers(QUESTIONS, answers, final=True) == ({1: "Non", 4: "Trop loin"}, {})
    assert check_answers(QUESTIONS, answers, final=False)[1] == {
        2: "Choisissez parmi les réponses proposées."
    }


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (QuestionKind.SINGLE, "Oui", "Oui"),
        (QuestionKind.SCALE, "3", 3),
        (QuestionKind.RANKING, ["Non", "Oui"], ["Non", "Oui"]),
        (QuestionKind.OPEN, "   ", None),
        (QuestionKind.MULTIPLE, [], None),
    ],
)
def test_answers_take_a_canonical_form(kind, value, expected):
    assert normalise(question(9, kind, choices=["Oui", "Non"]), value) == expected


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (QuestionKind.SINGLE, "Peut-être", "Choisissez une des réponses proposées."),
        (QuestionKind.SCALE, 6, "Choisissez une valeur entre 1 et 5."),
        (QuestionKind.SCALE, "beaucoup", "Choisissez une valeur entre 1 et 5."),
        (QuestionKind.RANKING, ["Oui"],
         "Classez toutes les propositions, en donnant un rang différent à chacune."),
        (QuestionKind.RANKING, ["Oui", "Oui"],
         "Classez toutes les propositions, en donnant un rang différent à chacune."),
        (QuestionKind.OPEN, "x" * 20_001, "Votre réponse dépasse 20\xa0000 caractères."),
    ],
)  # fmt: skip
def test_answers_that_do_not_fit_are_refused_in_french(kind, value, message):
    with pytest.raises(AnswerError) as error:
        normalise(question(9, kind, choices=["Oui", "Non"]), value)
    assert str(error.value) == message

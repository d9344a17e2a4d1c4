import uuid

import pytest

from concerto.accounts.roles import Role
from concerto.questionnaires import actions as questionnaire
from concerto.questionnaires.models import QuestionKind
from concerto.representativeness import actions
from tests.factories import open_module, user_with_role

FOUR = ["age_band", "gender", "region", "commune_type"]


@pytest.fixture
def proposals(db):
    """An open proposals module; returns (module, organiser)."""
    return open_module("proposals")


@pytest.fixture
def configured(proposals):
    module, organiser = proposals
    actions.configure_profile(module.process, actor=organiser, questions=FOUR, alert_percent=80)
    return module, organiser


def citizens(n: int) -> list:
    return [user_with_role(Role.CITIZEN) for _ in range(n)]


def cycling_questionnaire(genders_answers: list[tuple[str | None, str]]):
    """A process asking the gender profile question and a questionnaire "Utilisez-vous le
    vélo ?" (Oui/Non), sent by one citizen per (gender, answer) pair; a None gender skipped
    the profile. Returns (process, organiser)."""
    module, organiser = open_module("questionnaire", title="Vos trajets")
    process = module.process
    question = questionnaire.add_question(
        module, actor=organiser, kind=QuestionKind.SINGLE, text="Utilisez-vous le vélo ?",
        choices=["Oui", "Non"], required=True,
    )  # fmt: skip
    actions.configure_profile(process, actor=organiser, questions=["gender"], alert_percent=80)
    for citizen, (gender, answer) in zip(
        citizens(len(genders_answers)), genders_answers, strict=True
    ):
        if gender is not None:
            actions.answer_profile(process, user=citizen, answers={"gender": gender})
        questionnaire.submit_response(
            module, participant=citizen, answers={question.pk: answer}, idempotency_key=uuid.uuid4()
        )
    return process, organiser

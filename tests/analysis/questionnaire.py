"""A closed questionnaire with two open questions and one closed question,
answered by real Grand Débat answers (see concerto/analysis/sample.py)."""

import uuid
from datetime import timedelta

from django.utils import timezone

from concerto.analysis.sample import sample_answers
from concerto.participation.models import Channel, Contribution, ContributionKind
from concerto.questionnaires.models import Answer, Question, QuestionKind, Response
from tests.factories import UserFactory, open_module

OPEN_1 = "Que faites-vous aujourd'hui pour l'environnement ?"
OPEN_2 = "Que pourriez-vous faire demain ?"
CLOSED = "Êtes-vous inquiet pour le climat ?"


def questionnaire_module(respondents: int = 40):
    module, organiser = open_module("questionnaire")
    first = Question.objects.create(module=module, position=1, kind=QuestionKind.OPEN, text=OPEN_1)
    closed = Question.objects.create(
        module=module, position=2, kind=QuestionKind.SINGLE, text=CLOSED, choices=["Oui", "Non"]
    )
    second = Question.objects.create(module=module, position=3, kind=QuestionKind.OPEN, text=OPEN_2)
    texts = sample_answers(2 * respondents)
    now = timezone.now()
    for i in range(respondents):
        user = UserFactory()
        response = Response.objects.create(
            module=module,
            participant=user,
            status=Response.Status.SUBMITTED,
            submitted_at=now,
            idempotency_key=uuid.uuid4(),
        )
        for question, text in ((first, texts[i]), (second, texts[respondents + i])):
            contribution = Contribution.objects.create(
                module=module,
                kind=ContributionKind.ANSWER,
                channel=Channel.ONLINE,
                author=user,
                body=text,
            )
            Answer.objects.create(response=response, question=question, contribution=contribution)
        Answer.objects.create(response=response, question=closed, value="Oui" if i % 4 else "Non")
    today = timezone.localdate()
    module.opens_on, module.closes_on = today - timedelta(days=30), today - timedelta(days=1)
    module.save()
    return module, organiser, first, second

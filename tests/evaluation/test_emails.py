"""The e-mails of a process's evaluation (issue 22): who gets them, the subject, and the
link on the public address (SITE_URL)."""

import pytest
from django.core import mail

from concerto.accounts.roles import Role
from concerto.evaluation import actions
from concerto.evaluation.models import Audience
from concerto.testing.emails import assert_email, sent
from tests.factories import user_with_role

pytestmark = pytest.mark.usefixtures("site_url")


def test_an_expert_is_emailed_the_process_to_evaluate_once(
    evaluated, django_capture_on_commit_callbacks
):
    expert = user_with_role(Role.EXPERT)
    with django_capture_on_commit_callbacks(execute=True):
        actions.grant_evaluator(evaluated.process, actor=evaluated.advisor, expert=expert)
        actions.grant_evaluator(evaluated.process, actor=evaluated.advisor, expert=expert)
    [message] = mail.outbox
    assert assert_email(
        message, to=expert.email,
        subject="Concerto : Évaluation confiée : Concertation sur le plan vélo",
    ) == [f"/espace/dispositifs/{evaluated.process.pk}/evaluation/"]  # fmt: skip


def test_each_survey_is_emailed_once_to_its_audience(evaluated, django_capture_on_commit_callbacks):
    process = evaluated.process
    with django_capture_on_commit_callbacks(execute=True):
        for _twice in range(2):
            actions.open_survey(process, actor=evaluated.referent, audience=Audience.PARTICIPANTS)
    # Everyone who contributed with an account; the paper contributions have none.
    subject = "Concerto : Votre avis sur « Concertation sur le plan vélo »"
    participants = sorted(citizen.email for citizen in evaluated.citizens)
    assert len(mail.outbox) == len(participants) == 5
    for message, address in zip(sent(subject), participants, strict=True):
        assert assert_email(message, to=address, subject=subject) == [
            f"/dispositifs/{process.slug}/evaluation/questionnaire-participants/"
        ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_survey(process, actor=evaluated.referent, audience=Audience.ORGANISERS)
    # The project lead (also the sponsor) and the ministry's referent.
    subject = "Concerto : Questionnaire organisateur : Concertation sur le plan vélo"
    organisers = sorted([process.project_lead.email, evaluated.referent.email])
    assert len(mail.outbox) == 2
    for message, address in zip(sent(subject), organisers, strict=True):
        assert assert_email(message, to=address, subject=subject) == [
            f"/dispositifs/{process.slug}/evaluation/questionnaire-organisateurs/"
        ]

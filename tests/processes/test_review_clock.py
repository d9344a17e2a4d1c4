"""Issue 22: the CIPC's review clock stands still while a question awaits the ministry."""

from datetime import date

import pytest
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from concerto.frenchdates import french_date
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from tests.factories import complete_process, walk_to

pytestmark = pytest.mark.django_db


@override_settings(CIPC_REVIEW_WORKING_DAYS=10)
def test_a_question_pauses_the_clock_until_the_ministry_answers():
    with freeze_time("2026-12-01 10:00:00"):  # a Tuesday
        process = complete_process()
        _referent, advisor = walk_to(process, Status.UNDER_REVIEW)
        referral = process.referral
        assert referral.due_date == date(2026, 12, 15)
    with freeze_time("2026-12-07 09:00:00"):  # Monday
        question = actions.ask_question(process, actor=advisor, body="Quel budget ?")
        referral.refresh_from_db()
        assert (referral.clock_paused_since, question.awaits_answer) == (date(2026, 12, 7), True)
    with freeze_time("2026-12-20 09:00:00"):  # past the due date, still paused: not late
        referral.refresh_from_db()
        assert referral.due_date == date(2026, 12, 15)
        assert not referral.is_overdue
    with freeze_time("2026-12-21 15:00:00"):  # Monday, two weeks later: 10 working days
        actions.ask_question(process, actor=process.project_lead, body="150 k€.", parent=question)
        referral.refresh_from_db()
        question.refresh_from_db()
        assert (referral.clock_paused_since, question.awaits_answer) == (None, False)
        # 15 December + 10 working days (Christmas is a holiday).
        assert referral.due_date == date(2026, 12, 30)
        assert not referral.is_overdue


def test_the_clock_stays_paused_while_another_question_is_open():
    process = complete_process()
    _referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    first = actions.ask_question(process, actor=advisor, body="Quel budget ?")
    actions.ask_question(process, actor=advisor, body="Quel garant ?")
    # The CIPC adding to its own question is no answer.
    actions.ask_question(process, actor=advisor, body="Précision.", parent=first)
    referral = process.referral
    referral.refresh_from_db()
    due, paused = referral.due_date, referral.clock_paused_since
    actions.ask_question(process, actor=process.project_lead, body="150 k€.", parent=first)
    referral.refresh_from_db()
    assert (referral.due_date, referral.clock_paused_since) == (due, paused)
    assert list(referral.questions.filter(awaits_answer=True).values_list("body", flat=True)) == [
        "Quel garant ?"
    ]


def test_the_review_and_the_workspace_show_the_clock_paused(client):
    process = complete_process()
    _referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    actions.ask_question(process, actor=advisor, body="Quel budget ?")
    today = french_date(timezone.localdate(), "j F Y")
    expected = (
        f"Délai d'examen suspendu depuis le {today} : une question attend la réponse du ministère"
    )
    client.force_login(advisor)
    assert expected in client.get(process.referral.get_absolute_url()).content.decode()
    assert "Délai suspendu" in client.get("/cipc/saisines/").content.decode()
    client.force_login(process.project_lead)
    assert expected in client.get(process.get_workspace_url()).content.decode()

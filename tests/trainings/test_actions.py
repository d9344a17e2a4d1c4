from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.notifications.models import Notification
from concerto.trainings import actions
from concerto.trainings.models import Registration, Survey
from tests.factories import user_with_role
from tests.trainings.factories import make_session

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING
CANCELLED = Registration.Status.CANCELLED


def agents(n: int):
    return [user_with_role(Role.AGENT) for _ in range(n)]


def test_full_session_puts_people_on_the_waiting_list_in_order():
    session = make_session(capacity=2)
    a, b, c, d = agents(4)
    statuses = [actions.register(session, user=user).status for user in (a, b, c, d)]
    assert statuses == [CONFIRMED, CONFIRMED, WAITING, WAITING]
    assert Notification.objects.get(recipient=c).subject == (
        "Liste d'attente : Concevoir une concertation"
    )


def test_registering_twice_is_one_registration():
    session = make_session(capacity=1)
    agent = user_with_role(Role.AGENT)
    first = actions.register(session, user=agent)
    second = actions.register(session, user=agent)
    assert first.pk == second.pk
    assert Registration.objects.filter(session=session).count() == 1
    assert Notification.objects.filter(recipient=agent).count() == 1


def test_unique_constraint_forbids_a_second_row():
    session = make_session()
    agent = user_with_role(Role.AGENT)
    actions.register(session, user=agent)
    with pytest.raises(IntegrityError):
        Registration.objects.create(session=session, user=agent, status=CONFIRMED)


def test_cancelling_a_seat_promotes_the_first_person_waiting_and_tells_them():
    session = make_session(capacity=1)
    a, b, c = agents(3)
    seat = actions.register(session, user=a)
    actions.register(session, user=b)
    actions.register(session, user=c)
    actions.cancel_registration(seat, actor=a)
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {a.pk: CANCELLED, b.pk: CONFIRMED, c.pk: WAITING}
    promoted = Registration.objects.get(user=b)
    assert promoted.promoted_at is not None
    notice = Notification.objects.filter(recipient=b).first()
    assert notice.subject == "Une place s'est libérée : Concevoir une concertation"
    assert notice.url == "/formations/mes-inscriptions/"


def test_cancelling_a_waiting_place_promotes_nobody():
    session = make_session(capacity=1)
    a, b, c = agents(3)
    actions.register(session, user=a)
    waiting = actions.register(session, user=b)
    actions.register(session, user=c)
    actions.cancel_registration(waiting, actor=b)
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {a.pk: CONFIRMED, b.pk: CANCELLED, c.pk: WAITING}


def test_registering_again_after_cancelling_goes_to_the_back_of_the_queue():
    session = make_session(capacity=1)
    a, b = agents(2)
    seat = actions.register(session, user=a)
    actions.register(session, user=b)
    actions.cancel_registration(seat, actor=a)
    again = actions.register(session, user=a)
    assert again.pk == seat.pk
    assert again.status == WAITING


def test_someone_else_cannot_cancel_and_nothing_changes():
    session = make_session(capacity=1)
    a, b = agents(2)
    seat = actions.register(session, user=a)
    actions.register(session, user=b)
    with pytest.raises(PermissionDenied):
        actions.cancel_registration(seat, actor=b)
    assert dict(Registration.objects.values_list("user_id", "status")) == {
        a.pk: CONFIRMED,
        b.pk: WAITING,
    }


def test_no_registration_to_a_started_session_nor_by_a_citizen():
    started = make_session(in_days=-0.01)
    with pytest.raises(PermissionDenied):
        actions.register(started, user=user_with_role(Role.AGENT))
    with pytest.raises(PermissionDenied):
        actions.register(make_session(), user=user_with_role(Role.CITIZEN))
    assert Registration.objects.count() == 0


def test_more_seats_promote_people_fewer_than_taken_is_refused():
    session = make_session(capacity=1)
    cipc = user_with_role(Role.CIPC_ADVISOR)
    a, b, c = agents(3)
    for user in (a, b, c):
        actions.register(session, user=user)
    with pytest.raises(ValidationError):
        actions.change_capacity(session, actor=cipc, capacity=0)
    actions.change_capacity(session, actor=cipc, capacity=2)
    assert dict(Registration.objects.values_list("user_id", "status")) == {
        a.pk: CONFIRMED,
        b.pk: CONFIRMED,
        c.pk: WAITING,
    }


def test_reminders_go_once_to_confirmed_people_of_sessions_within_two_days():
    soon = make_session(in_days=1, capacity=1)
    later = make_session(in_days=5)
    a, b, c = agents(3)
    actions.register(soon, user=a)
    actions.register(soon, user=b)  # waiting: no reminder
    actions.register(later, user=c)
    Notification.objects.all().delete()
    call_command("send_training_reminders")
    assert list(Notification.objects.values_list("recipient_id", "subject")) == [
        (a.pk, "Rappel : Concevoir une concertation")
    ]
    assert actions.send_reminders() == 0
    assert Notification.objects.count() == 1


def test_reminder_task_runs():
    from concerto.trainings.tasks import send_training_reminders

    session = make_session(in_days=1)
    actions.register(session, user=user_with_role(Role.AGENT))
    result = send_training_reminders.enqueue()
    assert result.return_value == 1


def _past_session_with(*users, capacity=3):
    session = make_session(capacity=capacity)
    for user in users:
        actions.register(session, user=user)
    session.starts_at = timezone.now() - timedelta(hours=4)
    session.ends_at = timezone.now() - timedelta(hours=1)
    session.save()
    return session


def test_attendance_by_the_trainer_then_survey_and_certificate():
    a, b = agents(2)
    trainer = user_with_role(Role.CIPC_ADVISOR)
    session = _past_session_with(a, b)
    session.trainer = trainer
    session.save()
    actions.take_attendance(session, actor=trainer, present_ids=[a.pk])
    assert dict(Registration.objects.values_list("user_id", "attended")) == {
        a.pk: True,
        b.pk: False,
    }
    registration = Registration.objects.get(user=a)
    survey = actions.answer_survey(registration, user=a, rating=4, useful=True, comment=" Bien ")
    assert (survey.rating, survey.useful, survey.comment) == (4, True, "Bien")
    with pytest.raises(PermissionDenied):
        actions.answer_survey(registration, user=a, rating=5, useful=True)
    with pytest.raises(PermissionDenied):
        actions.answer_survey(Registration.objects.get(user=b), user=b, rating=5, useful=True)
    assert Survey.objects.count() == 1


def test_attendance_refused_to_an_agent_and_before_the_session():
    a = user_with_role(Role.AGENT)
    session = _past_session_with(a)
    with pytest.raises(PermissionDenied):
        actions.take_attendance(session, actor=a, present_ids=[a.pk])
    upcoming = make_session()
    with pytest.raises(PermissionDenied):
        actions.take_attendance(upcoming, actor=user_with_role(Role.CIPC_ADVISOR), present_ids=[])
    assert Registration.objects.get().attended is None


def test_certificate_is_a_pdf():
    from concerto.trainings.certificate import certificate_pdf

    a = user_with_role(Role.AGENT, first_name="Nadia", last_name="Kaci")
    session = _past_session_with(a)
    actions.take_attendance(session, actor=user_with_role(Role.CIPC_ADVISOR), present_ids=[a.pk])
    pdf = certificate_pdf(Registration.objects.get())
    assert pdf.startswith(b"%PDF-")


def test_searchable_lists_published_trainings():
    from concerto.trainings.search import searchable
    from tests.trainings.factories import make_training

    make_training("Animer un atelier", objectives="Faciliter", audience="Agents")
    make_training("Brouillon", is_published=False)
    assert [(item["title"], item["body"], item["url"]) for item in searchable()] == [
        (
            "Animer un atelier",
            "Les étapes clés d'une démarche participative réussie.\nFaciliter\nAgents",
            "/formations/animer-un-atelier/",
        )
    ]

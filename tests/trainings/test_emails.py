"""The e-mails of a training registration's steps (issue 22): who gets them, the
subject, and the link on the public address (SITE_URL)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.testing.emails import assert_email
from concerto.trainings import actions
from concerto.trainings.models import Registration
from tests.factories import user_with_role
from tests.trainings.factories import make_session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

TITLE = "Concevoir une concertation"
MINE = "/formations/mes-inscriptions/"


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_registering_tells_of_the_seat_or_the_waiting_list(sending):
    session = make_session(capacity=1)
    seated, waiting = user_with_role(Role.AGENT), user_with_role(Role.AGENT)
    with sending():
        actions.register(session, user=seated)
        actions.register(session, user=waiting)
    first, second = mail.outbox
    assert assert_email(
        first, to=seated.email, subject=f"Concerto : Inscription confirmée : {TITLE}"
    ) == [MINE]
    assert assert_email(
        second, to=waiting.email, subject=f"Concerto : Liste d'attente : {TITLE}"
    ) == [MINE]


def test_cancelling_is_confirmed_and_the_freed_seat_goes_to_the_first_person_waiting(sending):
    session = make_session(capacity=1)
    seated, first, second = (user_with_role(Role.AGENT) for _ in range(3))
    seat = actions.register(session, user=seated)
    actions.register(session, user=first)
    actions.register(session, user=second)
    mail.outbox.clear()
    with sending():
        actions.cancel_registration(seat, actor=seated)
    cancelled, promoted = mail.outbox
    assert assert_email(
        cancelled, to=seated.email, subject=f"Concerto : Inscription annulée : {TITLE}"
    ) == ["/formations/"]
    assert assert_email(
        promoted, to=first.email, subject=f"Concerto : Une place s'est libérée : {TITLE}"
    ) == [MINE]


def test_the_reminder_goes_to_each_person_seated_with_the_video_link(sending):
    session = make_session(in_days=1, capacity=1, place="", video_url="https://visio.gouv.fr/abc")
    seated, waiting = user_with_role(Role.AGENT), user_with_role(Role.AGENT)
    actions.register(session, user=seated)
    actions.register(session, user=waiting)
    mail.outbox.clear()
    with sending():
        assert actions.send_reminders() == 1
    [message] = mail.outbox
    assert assert_email(
        message, to=seated.email, subject=f"Concerto : Rappel : {TITLE}",
        external=["https://visio.gouv.fr/abc"],
    ) == [MINE]  # fmt: skip


def test_the_people_present_are_asked_for_their_opinion(sending):
    present, absent = user_with_role(Role.AGENT), user_with_role(Role.AGENT)
    trainer = user_with_role(Role.CIPC_ADVISOR)
    session = make_session(capacity=3, trainer=trainer)
    for user in (present, absent):
        actions.register(session, user=user)
    session.starts_at = timezone.now() - timedelta(hours=4)
    session.ends_at = timezone.now() - timedelta(hours=1)
    session.save()
    mail.outbox.clear()
    with sending():
        actions.take_attendance(session, actor=trainer, present_ids=[present.pk])
    [message] = mail.outbox
    assert assert_email(
        message, to=present.email, subject=f"Concerto : Votre avis sur la formation : {TITLE}"
    ) == [MINE]
    assert Registration.objects.get(user=present).attended is True

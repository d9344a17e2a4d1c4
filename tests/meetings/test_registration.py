"""Registration rules: capacity, waiting list, promotion, idempotence."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.meetings.actions import cancel_registration, register, update_meeting
from concerto.meetings.models import Registration
from concerto.notifications.models import Notification
from concerto.participation.actions import ban_participant
from concerto.testing.emails import assert_email
from tests.factories import UserFactory
from tests.meetings.helpers import meetings_module, schedule

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING, CANCELLED = (
    Registration.Status.CONFIRMED, Registration.Status.WAITING, Registration.Status.CANCELLED,
)  # fmt: skip


def statuses(meeting) -> list[tuple[str, str]]:
    return [
        (registration.user.email, registration.status)
        for registration in meeting.registrations.select_related("user").order_by("pk")
    ]


def test_registrations_are_confirmed_until_the_meeting_is_full_then_wait_in_order():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=2)
    people = [UserFactory() for _ in range(4)]
    registrations = [register(meeting, user=person) for person in people]
    assert [r.status for r in registrations] == [CONFIRMED, CONFIRMED, WAITING, WAITING]
    assert [r.waiting_position() for r in registrations] == [None, None, 1, 2]
    assert meeting.seats_left == 0


def test_without_capacity_everyone_is_confirmed():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=None)
    registrations = [register(meeting, user=UserFactory()) for _ in range(5)]
    assert {r.status for r in registrations} == {CONFIRMED}
    assert meeting.seats_left is None


def test_registering_twice_changes_nothing():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1)
    first, second = UserFactory(), UserFactory()
    register(meeting, user=first)
    waiting = register(meeting, user=second)
    before = list(Registration.objects.values_list("pk", "status", "created_at", "updated_at"))
    assert register(meeting, user=first).status == CONFIRMED
    again = register(meeting, user=second)
    assert (again.pk, again.status, again.waiting_position()) == (waiting.pk, WAITING, 1)
    after = list(Registration.objects.values_list("pk", "status", "created_at", "updated_at"))
    assert after == before


def test_a_cancellation_promotes_the_first_person_waiting_and_tells_them(
    django_capture_on_commit_callbacks, site_url
):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1, title="Atelier mobilités")
    first, second, third = (UserFactory(email=f"p{i}@exemple.fr") for i in range(3))
    for person in (first, second, third):
        register(meeting, user=person)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(meeting, user=first)

    assert statuses(meeting) == [
        ("p0@exemple.fr", CANCELLED), ("p1@exemple.fr", CONFIRMED), ("p2@exemple.fr", WAITING),
    ]  # fmt: skip
    assert Registration.objects.get(user=third).waiting_position() == 1
    notification = Notification.objects.get(recipient__in=[first, second, third])
    assert notification.recipient == second
    assert notification.subject == "Une place s'est libérée : votre inscription est confirmée"
    start = timezone.localtime(meeting.starts_at)
    assert notification.body.startswith(
        f"Une place s'est libérée pour la réunion « Atelier mobilités » du {start.day} "
    )
    assert notification.url == meeting.get_absolute_url()
    [message] = mail.outbox
    assert assert_email(
        message, to="p1@exemple.fr",
        subject="Concerto : Une place s'est libérée : votre inscription est confirmée",
    ) == [meeting.get_absolute_url()]  # fmt: skip


def test_leaving_the_waiting_list_promotes_nobody():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for person in (first, second, third):
        register(meeting, user=person)
    cancel_registration(meeting, user=second)
    assert [r.status for r in meeting.registrations.order_by("pk")] == [
        CONFIRMED, CANCELLED, WAITING,
    ]  # fmt: skip
    assert Registration.objects.get(user=third).waiting_position() == 1
    assert Notification.objects.filter(recipient__in=[first, second, third]).count() == 0


def test_coming_back_after_cancelling_goes_to_the_end_of_the_waiting_list():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for person in (first, second, third):
        register(meeting, user=person)
    cancel_registration(meeting, user=second)
    back = register(meeting, user=second)
    assert (back.status, back.waiting_position()) == (WAITING, 2)
    assert Registration.objects.filter(user=second).count() == 1


def test_more_seats_go_to_the_waiting_list_and_fewer_than_registered_are_refused():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1)
    people = [UserFactory() for _ in range(4)]
    for person in people:
        register(meeting, user=person)
    update_meeting(meeting, actor=organiser, capacity=3)
    assert [r.status for r in meeting.registrations.order_by("pk")] == [
        CONFIRMED, CONFIRMED, CONFIRMED, WAITING,
    ]  # fmt: skip
    assert Notification.objects.filter(recipient__in=people).count() == 2
    with pytest.raises(ValidationError) as error:
        update_meeting(meeting, actor=organiser, capacity=2)
    assert error.value.message_dict == {
        "capacity": ["3 personnes sont déjà inscrites : la capacité ne peut pas être inférieure."]
    }
    meeting.refresh_from_db()
    assert meeting.capacity == 3
    update_meeting(meeting, actor=organiser, capacity=None)
    assert meeting.registrations.filter(status=WAITING).count() == 0


def test_nobody_registers_once_the_meeting_has_started_nor_cancels():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, in_days=-0.01, hours=3, capacity=1)
    person = UserFactory()
    with pytest.raises(ValidationError):
        register(meeting, user=person)
    assert Registration.objects.count() == 0
    Registration.objects.create(meeting=meeting, user=person, status=CONFIRMED)
    with pytest.raises(ValidationError):
        cancel_registration(meeting, user=person)
    assert Registration.objects.get().status == CONFIRMED


def test_anonymous_banned_and_closed_module_registrations_are_refused():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser)
    with pytest.raises(PermissionDenied):
        register(meeting, user=AnonymousUser())
    banned = UserFactory()
    ban_participant(module, actor=organiser, user=banned, reason="Propos injurieux répétés.")
    with pytest.raises(PermissionDenied):
        register(meeting, user=banned)
    yesterday = timezone.localdate() - timedelta(days=1)
    closed, closed_organiser = meetings_module(
        opens_on=yesterday - timedelta(days=5), closes_on=yesterday
    )
    with pytest.raises(PermissionDenied):
        register(schedule(closed, closed_organiser), user=UserFactory())
    assert Registration.objects.count() == 0


def test_cancelling_without_a_registration_is_refused():
    module, organiser = meetings_module()
    meeting = schedule(module, organiser)
    with pytest.raises(ValidationError):
        cancel_registration(meeting, user=UserFactory())


def test_the_meeting_row_is_locked_before_seats_are_counted(monkeypatch):
    """The protocol the thread tests check on PostgreSQL: lock the meeting, then count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from concerto.meetings import actions

    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=1)
    events = []
    locked, has_seat = actions._locked, actions._has_seat
    monkeypatch.setattr(actions, "_locked", lambda m: events.append("lock") or locked(m))
    monkeypatch.setattr(actions, "_has_seat", lambda m: events.append("count") or has_seat(m))
    with CaptureQueriesContext(connection) as queries:
        register(meeting, user=UserFactory())
    assert events == ["lock", "count"]
    if connection.features.has_select_for_update_of:
        locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
        assert len(locks) == 1 and 'FOR UPDATE OF "meetings_meeting"' in locks[0]

"""Registrations racing for the last seats, in real threads with their own connections.

Each thread widens the race window by pausing between counting the seats and
storing its registration: without the lock on the meeting's row, several
threads would see the same free seat.
"""

import threading
import time

import pytest
from django.db import connection

from concerto.meetings import actions
from concerto.meetings.models import Registration
from tests.factories import UserFactory
from tests.meetings.helpers import meetings_module, schedule

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_seat_count(monkeypatch):
    has_seat = actions._has_seat

    def slow(meeting):
        answer = has_seat(meeting)
        time.sleep(0.05)
        return answer

    monkeypatch.setattr(actions, "_has_seat", slow)


def run_at_once(calls) -> list[BaseException]:
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call):
        try:
            barrier.wait()
            call()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_registrations_for_the_last_seats_at_once_never_exceed_capacity(slow_seat_count):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=2)
    register = actions.register
    people = [UserFactory() for _ in range(8)]
    errors = run_at_once([lambda p=p: register(meeting, user=p) for p in people])
    assert errors == []
    counts = {
        status: Registration.objects.filter(meeting=meeting, status=status).count()
        for status in Registration.Status.values
    }
    assert counts == {"confirmed": 2, "waiting": 6, "cancelled": 0}


def test_the_same_person_registering_twice_at_once_gets_one_registration(slow_seat_count):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=5)
    person = UserFactory()
    errors = run_at_once([lambda: actions.register(meeting, user=person)] * 4)
    assert errors == []
    assert list(Registration.objects.values_list("user_id", "status")) == [(person.pk, "confirmed")]


def test_cancellations_and_registrations_at_once_keep_every_seat_taken_once(slow_seat_count):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, capacity=3)
    holders = [UserFactory() for _ in range(3)]
    waiting = [UserFactory() for _ in range(3)]
    for person in holders + waiting:
        actions.register(meeting, user=person)
    newcomers = [UserFactory() for _ in range(3)]
    calls = [lambda p=p: actions.cancel_registration(meeting, user=p) for p in holders]
    calls += [lambda p=p: actions.register(meeting, user=p) for p in newcomers]
    errors = run_at_once(calls)
    assert errors == []
    confirmed = set(
        Registration.objects.filter(status="confirmed").values_list("user_id", flat=True)
    )
    # The three people already waiting get the freed seats, before any newcomer.
    assert confirmed == {person.pk for person in waiting}
    assert Registration.objects.filter(status="waiting").count() == 3

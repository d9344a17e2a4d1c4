"""The trainer's attendance sheet and a change of seats write one line of the activity
log each (issue 22); a refused change, or the same sheet sent again, writes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.trainings import actions
from tests.factories import user_with_role
from tests.trainings.factories import make_session

pytestmark = pytest.mark.django_db


def _lines():
    return list(
        Entry.objects.order_by("pk").values_list(
            "action", "actor", "target_id", "target_label", "summary", "reason"
        )
    )


def _session_with(*users, capacity=3, past=False):
    session = make_session(capacity=capacity)
    for user in users:
        actions.register(session, user=user)
    if past:
        session.starts_at = timezone.now() - timedelta(hours=4)
        session.ends_at = timezone.now() - timedelta(hours=1)
        session.save()
    return session


def test_attendance_is_logged_when_taken_and_when_corrected_not_when_sent_again():
    a, b = (user_with_role(Role.AGENT) for _ in range(2))
    trainer = user_with_role(Role.CIPC_ADVISOR)
    session = _session_with(a, b, past=True)
    label = str(session)
    actions.take_attendance(session, actor=trainer, present_ids=[a.pk])
    actions.take_attendance(session, actor=trainer, present_ids=[a.pk])
    actions.take_attendance(session, actor=trainer, present_ids=[a.pk, b.pk])
    assert _lines() == [
        ("trainings.take_attendance", trainer.pk, session.pk, label,
         "Présences relevées : 1 sur 2 inscrits", ""),
        ("trainings.take_attendance", trainer.pk, session.pk, label,
         "Présences relevées : 2 sur 2 inscrits", ""),
    ]  # fmt: skip
    assert Entry.objects.first().target_type.model_class()._meta.label == "trainings.Session"


def test_attendance_refused_writes_nothing():
    a = user_with_role(Role.AGENT)
    upcoming = _session_with(a)
    with pytest.raises(PermissionDenied):
        actions.take_attendance(upcoming, actor=user_with_role(Role.CIPC_ADVISOR), present_ids=[])
    past = _session_with(a, past=True)
    with pytest.raises(PermissionDenied):  # a participant, not the trainer
        actions.take_attendance(past, actor=a, present_ids=[a.pk])
    assert _lines() == []


def test_a_change_of_seats_is_logged_and_a_refused_one_is_not():
    cipc = user_with_role(Role.CIPC_ADVISOR)
    session = _session_with(user_with_role(Role.AGENT), capacity=1)
    with pytest.raises(ValidationError):
        actions.change_capacity(session, actor=cipc, capacity=0)
    with pytest.raises(PermissionDenied):
        actions.change_capacity(session, actor=user_with_role(Role.AGENT), capacity=5)
    actions.change_capacity(session, actor=cipc, capacity=4)
    actions.change_capacity(session, actor=cipc, capacity=4)  # sent again
    assert _lines() == [
        ("trainings.change_capacity", cipc.pk, session.pk, str(session),
         "Nombre de places : 1 → 4", ""),
    ]  # fmt: skip

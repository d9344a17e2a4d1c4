from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.network import actions
from concerto.network.abilities import meeting_abilities
from concerto.notifications.models import Notification
from concerto.testing.emails import assert_email, sent
from tests.factories import user_with_role
from tests.network.factories import deputy_of, plan_with_actions

pytestmark = pytest.mark.django_db


def _meeting():
    plan, referent, agent, _actions = plan_with_actions()
    deputy = deputy_of(plan.ministry)
    advisor = user_with_role(Role.CIPC_ADVISOR)
    meeting = actions.schedule_meeting(
        actor=advisor,
        title="Réunion du réseau — juin",
        place="Salle Ségur",
        starts_at=timezone.now() - timedelta(days=2),
        agenda="1. Plans d'action\n2. Accord-cadre",
    )
    return meeting, advisor, referent, deputy, agent


def test_scheduling_invites_referents_and_deputies(django_capture_on_commit_callbacks, site_url):
    with django_capture_on_commit_callbacks(execute=True):
        meeting, _advisor, referent, deputy, agent = _meeting()
    invited = set(meeting.attendances.values_list("user_id", flat=True))
    assert invited == {referent.pk, deputy.pk}
    assert Notification.objects.filter(recipient=referent, subject__startswith="Réunion").exists()
    assert not Notification.objects.filter(recipient=agent).exists()
    subject = "Concerto : Réunion du réseau des référents : Réunion du réseau — juin"
    assert len(mail.outbox) == 2
    for message, address in zip(sent(), sorted([referent.email, deputy.email]), strict=True):
        assert assert_email(message, to=address, subject=subject) == [
            f"/reseau/reunions/{meeting.pk}/"
        ]


def test_minutes_are_written_then_published_to_the_network_once(
    django_capture_on_commit_callbacks, site_url
):
    meeting, advisor, referent, deputy, agent = _meeting()
    with pytest.raises(ValidationError):
        actions.publish_minutes(meeting, actor=advisor)
    actions.record_minutes(
        meeting,
        actor=advisor,
        minutes="Tour de table des ministères.",
        decisions=["Diffuser le guide", "", "Relancer les plans"],
        present_ids=[referent.pk],
    )
    assert list(meeting.decisions.values_list("position", "text")) == [
        (1, "Diffuser le guide"),
        (2, "Relancer les plans"),
    ]
    assert {a.user_id: a.present for a in meeting.attendances.all()} == {
        referent.pk: True,
        deputy.pk: False,
    }
    assert not meeting_abilities(meeting, referent)["view_minutes"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_minutes(meeting, actor=advisor)
        actions.publish_minutes(meeting, actor=advisor)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None
    subject = "Compte rendu publié : Réunion du réseau — juin"
    recipients = set(
        Notification.objects.filter(subject=subject).values_list("recipient", flat=True)
    )
    assert recipients == {referent.pk, deputy.pk, advisor.pk}
    assert len(mail.outbox) == 3
    for message, address in zip(
        sent(), sorted([referent.email, deputy.email, advisor.email]), strict=True
    ):
        assert assert_email(message, to=address, subject=f"Concerto : {subject}") == [
            f"/reseau/reunions/{meeting.pk}/"
        ]
    assert meeting_abilities(meeting, referent)["view_minutes"]
    with pytest.raises(ValidationError):
        actions.record_minutes(
            meeting, actor=advisor, minutes="Réécrit", decisions=[], present_ids=[]
        )


def test_only_the_cipc_manages_meetings():
    meeting, _advisor, referent, _deputy, _agent = _meeting()
    with pytest.raises(PermissionDenied):
        actions.record_minutes(meeting, actor=referent, minutes="x", decisions=[], present_ids=[])
    with pytest.raises(PermissionDenied):
        actions.schedule_meeting(
            actor=referent, title="x", place="x", starts_at=timezone.now(), agenda="x"
        )

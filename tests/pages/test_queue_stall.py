"""Issue 28: the CIPC and the administrators are told when the task queue stalls, by an
e-mail sent from the health check (never through the stalled queue), once per stall."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.jobs.lease import beat
from concerto.notifications.models import Notification
from concerto.pages import queue_stall
from concerto.testing.emails import assert_email, sent
from tests.factories import user_with_role
from tests.jobs.test_dashboard import DATABASE_TASKS, task

pytestmark = pytest.mark.django_db


def health(client):
    cache.delete(queue_stall.CHECKED_KEY)  # a minute has passed since the last look
    response = client.get("/sante/")
    assert response.status_code == 200, response.content  # never the balancer's concern
    return response


@override_settings(TASKS=DATABASE_TASKS, QUEUE_STALL_AFTER_SECONDS=600)
def test_a_stalled_queue_is_told_once_to_the_cipc_and_the_administrators(client, site_url):
    advisor = user_with_role(Role.CIPC_ADVISOR)
    administrator = user_with_role(Role.ADMINISTRATOR)
    agent = user_with_role(Role.AGENT)
    now = timezone.now()
    stuck = task("READY", enqueued_at=now - timedelta(minutes=9))
    task("READY", run_after=now + timedelta(hours=1))  # deferred: not waiting yet

    health(client)
    assert mail.outbox == []  # nine minutes: not a stall yet

    task("READY", enqueued_at=now - timedelta(minutes=12))
    health(client)
    # One e-mail each, as every notification.
    assert len(mail.outbox) == 2
    for message, address in zip(sent(), sorted([advisor.email, administrator.email]), strict=True):
        assert assert_email(
            message, to=address,
            subject="Concerto : La file des tâches est bloquée depuis 12 minutes",
        ) == ["/tableau-de-bord/"]  # fmt: skip
        body = message.body
        assert (
            "2 tâches attendent d'être exécutées. Aucun processus des tâches n'est en vie." in body
        )
    assert Notification.objects.filter(recipient=agent).count() == 0
    assert Notification.objects.filter(recipient=advisor).count() == 1

    # Still stalled a minute later: nobody is told twice.
    health(client)
    assert len(mail.outbox) == 2

    # Drained, then stalled again: told again at once, with the live worker named.
    type(stuck).objects.filter(status="READY").update(status="SUCCESSFUL")
    health(client)
    task("READY", enqueued_at=now - timedelta(minutes=30))
    beat("travailleur-1")
    health(client)
    assert len(mail.outbox) == 4
    assert "1 processus des tâches est en vie mais ne prend plus les tâches." in mail.outbox[3].body


@override_settings(TASKS=DATABASE_TASKS, QUEUE_STALL_AFTER_SECONDS=600)
def test_the_queue_is_read_at_most_once_a_minute_across_servers(django_assert_num_queries):
    task("READY", enqueued_at=timezone.now() - timedelta(minutes=1))
    assert queue_stall.check_queue() is False
    # Another request (on any server: the mark is in the shared cache) within the minute
    # reads nothing.
    with django_assert_num_queries(0):
        assert queue_stall.check_queue() is False

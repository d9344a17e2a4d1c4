"""Issue 28: the administrators' dashboard shows whether the task workers are alive, the
queue depth and the failed tasks."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concerto.accounts.roles import Role
from concerto.jobs.lease import beat
from concerto.jobs.models import WorkerHeartbeat
from tests.factories import user_with_role
from tests.jobs.sample_tasks import count_to

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
URL = "/tableau-de-bord/administration/"


def task(status: str, **fields) -> DBTaskResult:
    result = count_to.enqueue(job_id="00000000-0000-0000-0000-000000000000", total=1)
    DBTaskResult.objects.filter(pk=result.id).update(status=status, **fields)
    return DBTaskResult.objects.get(pk=result.id)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@override_settings(TASKS=DATABASE_TASKS, TASK_LEASE_SECONDS=60)
def test_the_administrator_sees_the_workers_the_queue_and_the_failures(client):
    now = timezone.now()
    beat("actif-1")
    beat("mort-1")
    WorkerHeartbeat.objects.filter(worker_id="mort-1").update(
        last_beat_at=now - timedelta(minutes=5)
    )
    task("READY", enqueued_at=now - timedelta(minutes=10))
    task("READY")
    task("READY", run_after=now + timedelta(hours=1))  # deferred: not waiting yet
    task("RUNNING", started_at=now)
    task("FAILED", finished_at=now - timedelta(hours=2))
    task("FAILED", finished_at=now - timedelta(days=2))
    task("SUCCESSFUL", finished_at=now)
    client.force_login(user_with_role(Role.ADMINISTRATOR))

    html = client.get(URL).content.decode()

    queue = text(html.split('<ul id="task-queue">')[1].split("</ul>")[0])
    assert queue == (
        "Tâches en attente : 2 (la plus ancienne depuis 10 minutes) "
        "Tâches en cours : 1 "
        "Tâches échouées dans les dernières 24 heures : 1"
    )
    rows = html.split('id="task-workers-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
    cells = [text(row).split(" ") for row in rows.split("</tr>")[:-1]]
    assert [(row[0], row[-1]) for row in cells] == [("actif-1", "actif"), ("mort-1", "silencieux")]
    assert "il y a 5 minutes" in text(rows)
    assert "Aucun processus des tâches ne donne signe de vie" not in html


@override_settings(TASKS=DATABASE_TASKS)
def test_with_no_live_worker_the_administrator_is_told_that_nothing_will_run(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))

    html = client.get(URL).content.decode()

    assert "Aucun processus des tâches ne donne signe de vie" in html
    assert "Aucun processus des tâches enregistré." in html
    assert text(html.split('<ul id="task-queue">')[1].split("</ul>")[0]) == (
        "Tâches en attente : 0 Tâches en cours : 0 Tâches échouées dans les dernières 24 heures : 0"
    )

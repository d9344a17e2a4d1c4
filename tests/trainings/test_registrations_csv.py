"""The CSV of a session's registrations (issue 22): seated then waiting in queue order,
for the trainer and the CIPC only, each download logged as an access to personal data."""

import pytest
from django.urls import reverse

from concerto.accounts.roles import Role
from concerto.privacy.models import StaffAccess
from concerto.testing.downloads import csv_rows
from concerto.trainings import actions
from tests.factories import MinistryFactory, UserFactory, user_with_role
from tests.trainings.factories import make_session, make_training

pytestmark = pytest.mark.django_db


def test_the_registrations_csv_lists_seats_then_the_queue(client):
    session = make_session(capacity=1)
    ministry = MinistryFactory(name="Ministère des Armées")
    seated, first, second, gone = (
        user_with_role(Role.AGENT, organisation=ministry, first_name=name, last_name="Roy")
        for name in ("Ana", "Bea", "Cyd", "Dan")
    )
    for user in (seated, gone, first, second):
        actions.register(session, user=user)
    actions.cancel_registration(gone.training_registrations.get(), actor=gone)
    advisor = user_with_role(Role.CIPC_ADVISOR)
    client.force_login(advisor)
    url = reverse("trainings:registrations_csv", args=[session.pk])
    rows = csv_rows(client.get(url))
    today = rows[1][5]
    assert rows == [
        ["nom", "adresse_electronique", "organisations", "inscription", "rang_attente",
         "inscrit_le", "present"],
        ["Ana Roy", seated.email, "Ministère des Armées", "Inscription confirmée", "", today, ""],
        ["Bea Roy", first.email, "Ministère des Armées", "Sur liste d'attente", "1", today, ""],
        ["Cyd Roy", second.email, "Ministère des Armées", "Sur liste d'attente", "2", today, ""],
    ]  # fmt: skip
    access = StaffAccess.objects.get()
    assert (access.actor, access.category, access.path) == (
        advisor, "Inscrits à une session de formation", url
    )  # fmt: skip


def test_a_participant_cannot_download_the_list(client):
    session = make_session()
    agent = user_with_role(Role.AGENT)
    actions.register(session, user=agent)
    client.force_login(agent)
    response = client.get(reverse("trainings:registrations_csv", args=[session.pk]))
    assert response.status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("trainings:registrations_csv", args=[session.pk])).status_code == 403
    assert not StaffAccess.objects.exists()


def test_the_sessions_trainer_downloads_its_list_and_another_trainer_cannot(client):
    trainer, other_trainer = UserFactory(), UserFactory()
    session = make_session(trainer=trainer)
    make_session(make_training("Animer un atelier"), trainer=other_trainer)
    actions.register(session, user=user_with_role(Role.AGENT))
    url = reverse("trainings:registrations_csv", args=[session.pk])
    client.force_login(trainer)
    assert len(csv_rows(client.get(url))) == 2
    client.force_login(other_trainer)
    assert client.get(url).status_code == 403
    assert list(StaffAccess.objects.values_list("actor", flat=True)) == [trainer.pk]

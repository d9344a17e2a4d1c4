"""A commitment past its date without an answer shows as late wherever people look."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concerto.accounts.roles import Role
from tests.factories import user_with_role
from tests.followup.conftest import closed_process

pytestmark = pytest.mark.django_db


def test_a_late_commitment_shows_in_the_registry_and_on_both_dashboards(client):
    case = closed_process()
    commitment = case.process.commitments.get()
    commitment.due_date = timezone.localdate() - timedelta(days=3)
    commitment.save()

    listing = client.get("/dispositifs/").content.decode()
    assert "Suites en retard" in listing

    client.force_login(case.referent)
    referent_page = client.get("/tableau-de-bord/referent/").content.decode()
    assert 'id="late-commitments"' in referent_page
    assert commitment.what in referent_page

    client.force_login(user_with_role(Role.CIPC_ADVISOR, email="cipc-retard@exemple.gouv.fr"))
    cipc_page = client.get("/tableau-de-bord/cipc/").content.decode()
    assert 'id="late-commitments"' in cipc_page and case.process.title in cipc_page


def test_nothing_is_late_before_the_date(client):
    case = closed_process()
    commitment = case.process.commitments.get()
    commitment.due_date = timezone.localdate() + timedelta(days=3)
    commitment.save()
    assert "Suites en retard" not in client.get("/dispositifs/").content.decode()
    client.force_login(case.referent)
    assert 'id="late-commitments"' not in client.get("/tableau-de-bord/referent/").content.decode()

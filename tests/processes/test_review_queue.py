"""The CIPC's queue (issue 22): « mes saisines », ministry, late, search, sort, the
opinions already given, and a CSV of what is shown."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.processes.lifecycle import Status
from concerto.processes.models import Referral
from concerto.testing.downloads import csv_rows
from tests.factories import MinistryFactory, complete_process, user_with_role, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue():
    me = user_with_role(Role.CIPC_ADVISOR, first_name="Camille", last_name="Moi")
    culture = MinistryFactory(name="Ministère de la Culture", short_name="MC")
    sante = MinistryFactory(name="Ministère de la Santé", short_name="MSS")
    mine = complete_process(ministry=culture, title="Archives ouvertes")
    walk_to(mine, Status.UNDER_REVIEW, advisor=me)
    late = complete_process(ministry=sante, title="Hôpital de demain")
    walk_to(late, Status.SUBMITTED)
    Referral.objects.filter(process=late).update(due_date=timezone.localdate() - timedelta(days=2))
    given = complete_process(ministry=sante, title="Plan santé mentale")
    walk_to(given, Status.OPINION_ISSUED)
    client = Client()
    client.force_login(me)
    return client, culture


def _titles(response) -> list[str]:
    return [referral.process.title for referral in response.context["page_obj"]]


def test_the_queue_filters_what_waits_and_lists_the_opinions_given(queue):
    client, culture = queue
    url = reverse("processes:queue")
    assert _titles(client.get(url)) == ["Hôpital de demain", "Archives ouvertes"]
    assert _titles(client.get(url, {"mine": "on"})) == ["Archives ouvertes"]
    assert _titles(client.get(url, {"late": "on"})) == ["Hôpital de demain"]
    assert _titles(client.get(url, {"ministry": culture.pk})) == ["Archives ouvertes"]
    assert _titles(client.get(url, {"q": "hopital"})) == ["Hôpital de demain"]
    assert _titles(client.get(url, {"shown": "avis"})) == ["Plan santé mentale"]
    rows = csv_rows(client.get(reverse("processes:queue_csv"), {"late": "on"}))
    assert rows[0][:3] == ["dispositif", "ministere", "version"]
    assert [row[0] for row in rows[1:]] == ["Hôpital de demain"]
    assert rows[1][5:7] == ["oui", "non"]


def test_only_the_cipc_reads_the_queue(queue):
    client = Client()
    client.force_login(user_with_role(Role.REFERENT))
    assert client.get(reverse("processes:queue")).status_code == 403
    assert client.get(reverse("processes:queue_csv")).status_code == 403

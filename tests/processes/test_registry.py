"""The CIPC's State-wide registry: access, filters, counts and the CSV export."""

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion, Process, Referral, Theme
from tests.factories import (
    DirectorateFactory,
    MinistryFactory,
    complete_process,
    user_with_role,
    walk_to,
)

pytestmark = pytest.mark.django_db

EXPORT_HEADER = (
    "identifiant,titre,ministere,direction,statut,methodes,themes,debut_participation,"
    "fin_participation,date_decision,date_engagement_suite,saisine_transmise_le,avis_attendu_le,"
    "sens_de_l_avis,avis_rendu_le,publie_le"
)


@pytest.fixture
def advisor_client(client):
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    return client


@pytest.fixture
def registry_data():
    """Two ministries, processes in four statuses, fixed dates and timestamps."""
    culture = MinistryFactory(name="Ministère de la Culture", slug="culture")
    health = MinistryFactory(name="Ministère de la Santé", slug="sante")
    museums = DirectorateFactory(parent=culture, name="Direction des musées", slug="musees")
    dates = {
        "participation_start": date(2026, 5, 1),
        "participation_end": date(2026, 6, 30),
        "decision_date": date(2026, 12, 1),
        "follow_up_date": date(2026, 10, 15),
    }
    draft = complete_process(
        title="Musées gratuits", ministry=culture, directorate=museums, **dates
    )
    draft.themes.set(Theme.objects.filter(slug__in=["culture", "education"]))
    submitted = complete_process(
        title="Archives ouvertes", ministry=culture, methods=["information"], **dates
    )
    walk_to(submitted, Status.SUBMITTED)
    published = complete_process(
        title="Convention fin de vie",
        ministry=health,
        methods=["deliberative"],
        participation_start=date(2026, 9, 1),
        participation_end=date(2026, 11, 30),
        decision_date=date(2027, 3, 1),
        follow_up_date=date(2027, 2, 1),
    )
    walk_to(published, Status.PUBLISHED)
    opened = complete_process(title="Plan hôpital", ministry=health, **dates)
    walk_to(opened, Status.OPEN)
    stamp = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)
    Referral.objects.update(submitted_at=stamp, due_date=date(2026, 1, 26))
    Opinion.objects.update(issued_at=datetime(2026, 1, 20, 14, 0, tzinfo=UTC))
    Process.objects.filter(published_at__isnull=False).update(
        published_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    )
    return {
        "culture": culture,
        "health": health,
        "draft": draft,
        "submitted": submitted,
        "published": published,
        "opened": opened,
    }


def row_titles(response) -> list[str]:
    table = response.text.split('id="registry-table"')[1]
    return re.findall(r"<tr>\s*<td[^>]*>(?:<a href=\"[^\"]+\">)?([^<]+)", table)


def counts_table(response) -> list[list[str]]:
    table = response.text.split('id="counts-table"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [cell.strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)] for row in rows
    ]


# Access


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in ("/cipc/registre/", "/cipc/registre/export/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/connexion/?next={url}"


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.AGENT, Role.REFERENT, Role.EXPERT])
def test_other_roles_are_refused(client, role):
    client.force_login(user_with_role(role))
    assert client.get("/cipc/registre/").status_code == 403
    assert client.get("/cipc/registre/export/").status_code == 403


@pytest.mark.parametrize("role", [Role.CIPC_ADVISOR, Role.ADMINISTRATOR])
def test_cipc_advisors_and_administrators_get_in(client, role):
    client.force_login(user_with_role(role))
    response = client.get("/cipc/registre/")
    assert response.status_code == 200
    assert "<h1>Registre des dispositifs de l'État</h1>" in response.text
    assert client.get("/cipc/registre/export/").status_code == 200


# Listing, filters, counts


def test_registry_lists_every_process_of_every_ministry_in_any_status(
    advisor_client, registry_data
):
    response = advisor_client.get("/cipc/registre/")
    assert row_titles(response) == [
        "Archives ouvertes",
        "Musées gratuits",
        "Convention fin de vie",
        "Plan hôpital",
    ]
    assert re.search(r'<h2 id="results-count">\s*4 dispositifs\s*</h2>', response.text)


def test_rows_link_to_the_review_only_when_a_referral_exists(advisor_client, registry_data):
    html = advisor_client.get("/cipc/registre/").text
    referral = registry_data["submitted"].referral
    assert f'<a href="/cipc/saisines/{referral.pk}/">Archives ouvertes</a>' in html
    assert '<td class="fr-cell--multiline">Musées gratuits</td>' in html


def test_counts_per_ministry_and_status(advisor_client, registry_data):
    response = advisor_client.get("/cipc/registre/")
    assert counts_table(response) == [
        ["Ministère", "Brouillon", "Saisine transmise au CIPC", "Publié", "Participation ouverte",
         "Total"],
        ["Ministère de la Culture", "1", "1", "0", "0", "2"],
        ["Ministère de la Santé", "0", "0", "1", "1", "2"],
        ["Total", "1", "1", "1", "1", "4"],
    ]  # fmt: skip


def test_filters_narrow_the_list_and_the_counts(advisor_client, registry_data):
    culture, health = registry_data["culture"], registry_data["health"]
    cases = {
        f"ministry={culture.pk}": ["Archives ouvertes", "Musées gratuits"],
        "status=draft": ["Musées gratuits"],
        "method=deliberative": ["Convention fin de vie"],
        "method=open_meetings": ["Musées gratuits", "Plan hôpital"],
        "theme=education": ["Musées gratuits"],
        "participation_from=2026-07-01": ["Convention fin de vie"],
        "participation_to=2026-08-31": ["Archives ouvertes", "Musées gratuits", "Plan hôpital"],
        "participation_from=2026-06-30&participation_to=2026-09-01": [
            "Archives ouvertes", "Musées gratuits", "Convention fin de vie", "Plan hôpital",
        ],
        f"ministry={health.pk}&status=open": ["Plan hôpital"],
    }  # fmt: skip
    for query, titles in cases.items():
        assert row_titles(advisor_client.get(f"/cipc/registre/?{query}")) == titles, query

    response = advisor_client.get(f"/cipc/registre/?ministry={health.pk}")
    assert counts_table(response) == [
        ["Ministère", "Publié", "Participation ouverte", "Total"],
        ["Ministère de la Santé", "1", "1", "2"],
        ["Total", "1", "1", "2"],
    ]
    assert f'<option value="{health.pk}" selected>' in response.text
    assert f'href="/cipc/registre/export/?ministry={health.pk}"' in response.text


def test_a_reversed_date_range_is_reported(advisor_client, registry_data):
    response = advisor_client.get(
        "/cipc/registre/?participation_from=2026-09-01&participation_to=2026-06-01"
    )
    assert "La date de fin doit être postérieure ou égale à la date de début." in response.text
    assert row_titles(response) == ["Convention fin de vie"]


def test_no_match_says_so(advisor_client, registry_data):
    response = advisor_client.get("/cipc/registre/?status=archived")
    assert "Aucun dispositif ne correspond à ces filtres." in response.text
    assert 'id="counts-table"' not in response.text


def test_registry_query_count_does_not_grow_with_the_number_of_processes(
    advisor_client, django_assert_max_num_queries
):
    for n in range(3):
        walk_to(complete_process(title=f"Dispositif {n}"), Status.OPINION_ISSUED)
    with CaptureQueriesContext(connection) as queries:
        advisor_client.get("/cipc/registre/")
    for n in range(3, 12):
        process = complete_process(title=f"Dispositif {n}")
        if n % 2:
            walk_to(process, Status.OPINION_ISSUED)
    with django_assert_max_num_queries(len(queries)):
        response = advisor_client.get("/cipc/registre/")
    assert len(row_titles(response)) == 12


# Export


def test_export_writes_the_filtered_list_as_csv(advisor_client, registry_data):
    response = advisor_client.get("/cipc/registre/export/")
    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="dispositifs-{today}.csv"'
    dates = "2026-05-01,2026-06-30,2026-12-01,2026-10-15"
    referral = "2026-01-05T09:30:00+01:00,2026-01-26"
    s = registry_data
    assert response.getvalue().decode("utf-8").split("\r\n") == [
        EXPORT_HEADER,
        f"{s['submitted'].slug},Archives ouvertes,Ministère de la Culture,,"
        f"Saisine transmise au CIPC,Information et données,,{dates},{referral},,,",
        f"{s['draft'].slug},Musées gratuits,Ministère de la Culture,Direction des musées,Brouillon,"
        f"Consultation publique;Réunions ouvertes,culture;education,{dates},,,,,",
        f"{s['published'].slug},Convention fin de vie,Ministère de la Santé,,Publié,"
        "Processus délibératif représentatif,,2026-09-01,2026-11-30,2027-03-01,2027-02-01,"
        f"{referral},Favorable avec recommandations,"
        "2026-01-20T15:00:00+01:00,2026-02-01T10:00:00+01:00",
        f"{s['opened'].slug},Plan hôpital,Ministère de la Santé,,Participation ouverte,"
        f"Consultation publique;Réunions ouvertes,,{dates},{referral},"
        "Favorable avec recommandations,2026-01-20T15:00:00+01:00,2026-02-01T10:00:00+01:00",
        "",
    ]


def test_export_applies_the_registry_filters_and_quotes_commas(advisor_client, registry_data):
    Process.objects.filter(pk=registry_data["opened"].pk).update(title="Hôpital, demain")
    health = registry_data["health"]
    response = advisor_client.get(f"/cipc/registre/export/?ministry={health.pk}&status=open")
    body = response.getvalue().decode("utf-8")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == EXPORT_HEADER.split(",")
    assert [row[1] for row in rows[1:]] == ["Hôpital, demain"]
    assert '"Hôpital, demain"' in body

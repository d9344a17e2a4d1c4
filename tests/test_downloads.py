"""Every CSV the platform writes is safe to open in a spreadsheet (issue #21, finding 5).

A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return)
goes out with a leading apostrophe, the OWASP way; numbers stay as they are. Each kind of
CSV export is checked with a formula in one of its text columns, and a source check makes
sure no module writes CSV without the shared writer of concerto.downloads.
"""

import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.accounts.models import Organisation
from concerto.accounts.roles import Role
from concerto.downloads import csv_lines, restore_cell, safe_cell
from concerto.expertgroups.models import Draft, DraftKind, ExpertGroup
from concerto.followup import actions as followup_actions
from concerto.followup.models import AnswerLevel
from concerto.opendata.datasets import DATASETS
from concerto.opendata.publish import CSV_CONVENTION, publish
from concerto.opinionmaps import actions as opinion_actions
from concerto.opinionmaps.models import Statement
from concerto.participation.actions import submit_contribution
from concerto.participation.models import Contribution
from concerto.processes.models import Process
from concerto.procurement.models import Order
from concerto.testing.downloads import csv_rows
from tests.evaluation.conftest import evaluable_process
from tests.factories import UserFactory, complete_process, open_module, user_with_role
from tests.followup.conftest import closed_process, status
from tests.panels.helpers import invite, recruiting_panel
from tests.procurement.factories import order_for
from tests.procurement.factories import setup as procurement_setup

FORMULA = '=HYPERLINK("http://x","y")'
SAFE = "'" + FORMULA
CONCERTO = Path(__file__).resolve().parent.parent / "concerto"


# --- The rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (FORMULA, SAFE),
        ("+SUM(1;2)", "'+SUM(1;2)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝HYPERLINK()", "'＝HYPERLINK()"),
        ("- premier point", "'- premier point"),
        ("'=déjà neutralisé", "''=déjà neutralisé"),
        # Numbers written as text, phone numbers included, stay as they are.
        ("-3", "-3"),
        ("+33 1 23 45 67", "+33 1 23 45 67"),
        ("-1,5", "-1,5"),
        ("-12.50", "-12.50"),
        # A number followed by anything else is no longer a number.
        ("-3\n=1+1", "'-3\n=1+1"),
        ("+33 (0)1 23", "'+33 (0)1 23"),
        # Nothing to do.
        ("Texte = ordinaire", "Texte = ordinaire"),
        ("'apostrophe", "'apostrophe"),
        ("", ""),
    ],
)
def test_a_formula_leading_text_gets_one_leading_apostrophe(value, cell):
    assert safe_cell(value) == cell
    assert restore_cell(cell) == value


def test_numbers_and_empty_cells_are_left_alone():
    assert [safe_cell(v) for v in (-3, -1.5, Decimal("-12.50"), None, True)] == [
        -3, -1.5, Decimal("-12.50"), None, True,
    ]  # fmt: skip
    assert list(csv_lines(["a", "b", "c"], [[-3, None, FORMULA]])) == [
        "a,b,c\r\n",
        '-3,,"\'=HYPERLINK(""http://x"",""y"")"\r\n',
    ]


def test_no_module_writes_csv_without_the_shared_writer():
    """csv.writer and csv.DictWriter appear in concerto/downloads.py only."""
    pattern = re.compile(
        r"\bcsv\s*\.\s*(writer|DictWriter)\s*\(|from\s+csv\s+import\b[^\n]*\b(writer|DictWriter)\b"
    )
    offenders = [
        str(path.relative_to(CONCERTO))
        for path in sorted(CONCERTO.rglob("*.py"))
        if path.name != "downloads.py" or path.parent != CONCERTO
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_csv_response_is_built_by_csv_download():
    """A view serving CSV it wrote itself would escape the rule: text/csv is only named in
    concerto/downloads.py, and for the open-data files written by concerto/opendata/publish.py
    (their datapackage, and the view that serves them)."""
    setters = sorted(
        str(path.relative_to(CONCERTO))
        for path in CONCERTO.rglob("*.py")
        if '"text/csv' in path.read_text(encoding="utf-8")
    )
    assert setters == ["downloads.py", "opendata/publish.py", "opendata/views/public.py"]


# --- Every kind of CSV export ---------------------------------------------------------------


@pytest.mark.django_db
def test_module_export(client):
    module, organiser = open_module("proposals")
    submit_contribution(
        module, author=UserFactory(), kind="proposal", title=FORMULA, body="-3 et @lui",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    client.force_login(organiser)
    rows = csv_rows(
        client.get(f"/espace/dispositifs/{module.process.pk}/modules/{module.pk}/export/")
    )
    assert rows[1][8:10] == [SAFE, "'-3 et @lui"]


@pytest.mark.django_db
def test_opinion_map_exports(client):

    module, organiser = open_module("opinion_map")
    statement = Statement.objects.create(
        module=module, text=FORMULA, status=Statement.Status.ACCEPTED
    )
    opinion_actions.cast_vote(statement, user=UserFactory(), value=-1)
    client.force_login(organiser)
    kwargs = {"pk": module.process_id, "module_id": module.pk}
    votes = csv_rows(client.get(reverse("opinionmaps:export_votes", kwargs=kwargs)))
    assert votes[1][2:] == [str(statement.pk), votes[1][3], "-1"]
    results = csv_rows(client.get(reverse("opinionmaps:export_results", kwargs=kwargs)))
    assert results[1][:2] == [str(statement.pk), SAFE]


@pytest.mark.django_db
def test_process_registry_export(client):

    process = complete_process()
    Process.objects.filter(pk=process.pk).update(title=FORMULA)
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    rows = csv_rows(client.get("/cipc/registre/export/"))
    assert [row[1] for row in rows[1:]] == [SAFE]


@pytest.mark.django_db
def test_followup_figures_export():

    closed = closed_process()
    followup_actions.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui."},
        contributions=closed.proposals[:1],
    )  # fmt: skip
    followup_actions.publish_answers(closed.process, actor=closed.sponsor)
    Organisation.objects.filter(pk=closed.process.ministry_id).update(name=FORMULA)
    rows = csv_rows(Client().get("/suivi/suivi.csv"))
    assert rows[1][0] == SAFE


@pytest.mark.django_db
def test_evaluation_figures_export():

    evaluated = evaluable_process()
    Organisation.objects.filter(pk=evaluated.process.ministry_id).update(name=FORMULA)
    response = Client().get(reverse("evaluation:figures_csv", args=["ministeres"]))
    assert csv_rows(response)[1] == [SAFE, "1"]


@pytest.mark.django_db
def test_expert_recommendations_export():

    author = UserFactory()
    group = ExpertGroup.objects.create(
        name="-Experts",
        slug="experts",
        mandate="Étudier.",
        starts_on=timezone.localdate(),
        created_by=author,
    )
    Draft.objects.create(
        group=group, kind=DraftKind.RECOMMENDATION, title=FORMULA, body="Texte.",
        year=2026, sequence=1, published_at=timezone.now(),
        due_date=timezone.localdate() + timedelta(days=60), created_by=author,
    )  # fmt: skip
    rows = csv_rows(Client().get(reverse("expertgroups:public_csv")))
    assert rows[1][2:4] == ["'-Experts", SAFE]


@pytest.mark.django_db
def test_procurement_orders_export(client):

    s = procurement_setup()
    order_for(s, {"day": "1"}, title=FORMULA)
    client.force_login(s.agent)
    rows = csv_rows(client.get(reverse("procurement:orders_csv")))
    assert rows[1][6] == SAFE
    assert rows[1][8] == "1250.00"


@pytest.mark.django_db
def test_procurement_orders_export_dates_an_order_by_the_day_in_france(client):
    s = procurement_setup()
    order = order_for(s, {"day": "1"}, title="Ateliers")
    # 23:30 UTC on 5 December is 00:30 on 6 December in Paris.
    Order.objects.filter(pk=order.pk).update(created_at=datetime(2026, 12, 5, 23, 30, tzinfo=UTC))
    client.force_login(s.agent)
    rows = csv_rows(client.get(reverse("procurement:orders_csv")))
    assert rows[1][12] == "2026-12-06"


@pytest.mark.django_db
def test_panel_invitations_export(client):

    panel, referent = recruiting_panel()
    batch, _codes = invite(panel, referent, contacts=("=1+1 rue A", "+33 1 23 45 67"))
    client.force_login(referent)
    url = f"{panel.get_manage_url()}recrutement/lots/{batch.pk}/invitations.csv"
    assert [row[0] for row in csv_rows(client.get(url))[1:]] == ["'=1+1 rue A", "+33 1 23 45 67"]


@pytest.mark.django_db
def test_open_data_files():

    closed = closed_process()
    Contribution.objects.filter(pk=closed.proposals[0].pk).update(title=FORMULA, body="@toi")
    publication = publish()
    with default_storage.open(f"{publication.folder}/contributions.csv", "rb") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))
    first = next(row for row in rows if row["id"] == str(closed.proposals[0].pk))
    assert (first["titre"], first["texte"]) == (SAFE, "'@toi")
    with default_storage.open(f"{publication.folder}/propositions.csv", "rb") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))
    assert rows[0]["titre"] == SAFE
    # The JSON copy keeps the text as it is, and every description states the convention.
    with default_storage.open(f"{publication.folder}/contributions.json", "rb") as handle:
        data = json.loads(handle.read().decode("utf-8"))["donnees"]
    assert next(row for row in data if row["id"] == closed.proposals[0].pk)["titre"] == FORMULA
    with default_storage.open(f"{publication.folder}/datapackage.json", "rb") as handle:
        package = json.loads(handle.read().decode("utf-8"))
    descriptions = [package["description"]] + [r["description"] for r in package["resources"]]
    for resource in package["resources"]:
        with default_storage.open(f"{publication.folder}/{resource['schema']}", "rb") as handle:
            descriptions.append(json.loads(handle.read().decode("utf-8"))["description"])
    assert len(descriptions) == 1 + 2 * len(DATASETS)
    assert all(d.endswith(str(CSV_CONVENTION)) for d in descriptions)

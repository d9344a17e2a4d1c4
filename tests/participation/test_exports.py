import csv
import io
import uuid

import pytest
from django.utils import timezone

from concerto.participation.actions import submit_contribution
from concerto.participation.exports import author_ref
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db


def test_the_module_export_streams_every_contribution_as_csv(client):
    module, organiser = open_module("proposals")
    author = UserFactory()
    online, _ = submit_contribution(
        module, author=author, kind="proposal", title="Pistes", body="Relier, les villages.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    paper, _ = submit_contribution(
        module, author=None, kind="contribution", body="Écrit à la main.", channel="paper",
        entered_by=organiser, idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    client.force_login(organiser)
    response = client.get(f"/espace/dispositifs/{module.process.pk}/modules/{module.pk}/export/")
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:10] == [
        "id", "created_at", "kind", "channel", "status", "hidden_reason", "author_ref",
        "pseudonym", "title", "body",
    ]  # fmt: skip
    assert [row[0] for row in rows[1:]] == [str(online.pk), str(paper.pk)]
    assert rows[1][2:10] == [
        "proposal", "online", "published", "", author_ref(module.process_id, author.pk), "",
        "Pistes", "Relier, les villages.",
    ]  # fmt: skip
    assert rows[2][2:4] == ["contribution", "paper"] and rows[2][6] == ""
    assert rows[1][1] == timezone.localtime(online.created_at).isoformat(timespec="seconds")


def test_citizens_cannot_export(client):
    module, _ = open_module("proposals")
    client.force_login(UserFactory())
    url = f"/espace/dispositifs/{module.process.pk}/modules/{module.pk}/export/"
    assert client.get(url).status_code == 404

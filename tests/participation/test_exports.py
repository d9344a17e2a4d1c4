import hashlib
import hmac
import uuid

import pytest
from django.test import override_settings
from django.utils import timezone

from concerto.participation.actions import submit_contribution
from concerto.participation.exports import author_ref
from concerto.testing.downloads import csv_rows
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
    rows = csv_rows(response)
    assert rows[0] == [
        "identifiant", "cree_le", "type", "canal", "statut", "motif_de_masquage", "ref_auteur",
        "pseudonyme", "titre", "texte", "theme", "lieu", "identifiant_parent", "position",
        "fusionnee_dans",
    ]  # fmt: skip
    assert [row[0] for row in rows[1:]] == [str(online.pk), str(paper.pk)]
    assert rows[1][2:10] == [
        "Proposition", "En ligne", "Publiée", "",
        author_ref(module.process_id, author.pk, "proposal"), "",
        "Pistes", "Relier, les villages.",
    ]  # fmt: skip
    assert rows[2][2:4] == ["Contribution libre", "Papier (cahier citoyen, formulaire)"]
    assert rows[2][6] == ""
    assert rows[1][1] == timezone.localtime(online.created_at).isoformat(timespec="seconds")


def test_citizens_cannot_export(client):
    module, _ = open_module("proposals")
    client.force_login(UserFactory())
    url = f"/espace/dispositifs/{module.process.pk}/modules/{module.pk}/export/"
    assert client.get(url).status_code == 404


@override_settings(PSEUDONYMISATION_KEY="clé-de-test")
def test_export_references_are_scoped_keyed_hashes_never_the_account_or_public_id():
    def expected(scope: str, process_id: int, user_id: int) -> str:
        message = f"{scope}\x00{process_id}\x00u{user_id}".encode()
        return hmac.new(b"cl\xc3\xa9-de-test", message, hashlib.sha256).hexdigest()[:16]

    assert author_ref(7, 42, "proposal") == expected("export-contributions", 7, 42)
    assert author_ref(7, 42, "comment") == expected("export-contributions", 7, 42)
    assert author_ref(7, 42, "answer") == expected("export-questionnaire-answers", 7, 42)
    assert author_ref(8, 42, "proposal") == expected("export-contributions", 8, 42)
    assert author_ref(7, None, "proposal") == ""
    # Unrelated to the open data's id of the same person.
    assert author_ref(7, 42, "proposal") != expected("contributions", 7, 42)
    with override_settings(SECRET_KEY="autre-clé" * 8):
        assert author_ref(7, 42, "proposal") == expected("export-contributions", 7, 42)

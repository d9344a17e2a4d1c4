"""The data steps of participation's migrations, run on rows stored before them."""

import importlib
import uuid

import pytest
from django.apps import apps
from django.utils import timezone

from concerto.participation.idempotency import organisation_scope, pseudonym_scope, user_scope
from concerto.participation.models import Contribution
from concerto.participation.offline import enter_offline_contribution
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db


def migration(name: str):
    return importlib.import_module(f"concerto.participation.migrations.{name}")


def test_stored_keys_get_the_scope_of_whoever_sent_them():
    module, organiser = open_module("proposals", allow_pseudonym=True)
    citizen = UserFactory()
    rows = {
        "signed": Contribution.objects.create(
            module=module, kind="proposal", author=citizen, title="T", body="B",
            idempotency_key=uuid.uuid4(),
        ),
        "pseudonym": Contribution.objects.create(
            module=module, kind="proposal", pseudonym="Vélo69", title="T", body=" B ",
            idempotency_key=uuid.uuid4(),
        ),
        "offline": Contribution.objects.create(
            module=module, kind="contribution", channel="mail", entered_by=organiser,
            body="Par courrier", idempotency_key=uuid.uuid4(),
        ),
        "imported": Contribution.objects.create(
            module=module, kind="proposal", entered_by=organiser, body="Importée",
            idempotency_key=uuid.uuid4(),
        ),
        "keyless": Contribution.objects.create(
            module=module, kind="proposal", author=citizen, body="Sans clé",
        ),
    }  # fmt: skip
    Contribution.objects.update(idempotency_scope="")

    migration("0003_idempotency_key_per_submitter").scope_stored_keys(apps, None)

    scopes = dict(Contribution.objects.values_list("pk", "idempotency_scope"))
    assert {name: scopes[row.pk] for name, row in rows.items()} == {
        "signed": user_scope(citizen),
        "pseudonym": pseudonym_scope(pseudonym="Vélo69", title="T", body="B"),
        "offline": organisation_scope(module),
        "imported": organisation_scope(module),
        "keyless": "",
    }


def test_offline_contributions_stored_in_a_proposals_module_become_proposals():
    module, organiser = open_module("proposals")
    dossier, _ = open_module("dossier", process=module.process)
    today = timezone.localdate()
    paper, _ = enter_offline_contribution(
        module, actor=organiser, channel="paper", received_on=today, idempotency_key=None,
        body="Des bancs   le long\nde la voie verte, tous les deux kilomètres au moins, "
             "pour les marcheurs âgés.",
    )  # fmt: skip
    titled, _ = enter_offline_contribution(
        module, actor=organiser, channel="mail", received_on=today, idempotency_key=None,
        title="Une navette", body="Vers la gare.",
    )  # fmt: skip
    elsewhere, _ = enter_offline_contribution(
        dossier, actor=organiser, channel="paper", received_on=today, idempotency_key=None,
        body="Dans le dossier.",
    )  # fmt: skip
    online = Contribution.objects.create(
        module=module, kind="contribution", author=UserFactory(), body="En ligne"
    )
    Contribution.objects.filter(pk__in=[paper.pk, titled.pk]).update(kind="contribution", title="")
    Contribution.objects.filter(pk=titled.pk).update(title="Une navette")

    migration("0005_offline_proposals").offline_contributions_become_proposals(apps, None)

    stored = {row.pk: (row.kind, row.title) for row in Contribution.objects.all()}
    assert stored == {
        paper.pk: ("proposal", "Des bancs le long de la voie verte, tous les deux kilomètres…"),
        titled.pk: ("proposal", "Une navette"),
        elsewhere.pk: ("contribution", ""),
        online.pk: ("contribution", ""),
    }  # fmt: skip

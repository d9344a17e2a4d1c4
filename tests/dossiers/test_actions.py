"""Organisers build the dossier; participants suggest missing sources, once per key."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.dossiers import actions
from concerto.dossiers.models import Document
from concerto.participation.models import Contribution, ContributionKind
from tests.factories import UserFactory, open_module, user_with_role

pytestmark = pytest.mark.django_db

STUDY = {
    "title": "Étude d'impact du plan vélo",
    "source": "Direction générale des mobilités",
    "viewpoint": "administration",
    "summary": "Les effets attendus du plan.",
    "body": "Le plan réduirait les émissions de 2 %.",
    "url": "https://www.ecologie.gouv.fr/etude.pdf",
    "contradictory": False,
}


def test_an_organiser_adds_documents_in_order():
    module, organiser = open_module("dossier")
    first = actions.add_document(module, actor=organiser, **STUDY)
    second = actions.add_document(
        module, actor=organiser, title="Contre-expertise de la FUB", source="FUB",
        viewpoint="association d'usagers", contradictory=True,
    )  # fmt: skip
    assert [(d.title, d.position, d.contradictory) for d in module.documents.all()] == [
        ("Étude d'impact du plan vélo", 1, False),
        ("Contre-expertise de la FUB", 2, True),
    ]
    assert first.url == "https://www.ecologie.gouv.fr/etude.pdf"
    assert second.body == ""


def test_a_citizen_cannot_add_a_document():
    module, _organiser = open_module("dossier")
    with pytest.raises(PermissionDenied):
        actions.add_document(module, actor=UserFactory(), **STUDY)
    assert Document.objects.count() == 0


def test_an_agent_of_another_ministry_cannot_edit_the_dossier():
    module, organiser = open_module("dossier")
    document = actions.add_document(module, actor=organiser, **STUDY)
    outsider = user_with_role(Role.AGENT)
    with pytest.raises(PermissionDenied):
        actions.update_document(document, actor=outsider, title="Autre titre")
    with pytest.raises(PermissionDenied):
        actions.delete_document(document, actor=outsider)
    document.refresh_from_db()
    assert document.title == "Étude d'impact du plan vélo"


def test_a_document_needs_a_title_and_a_source():
    module, organiser = open_module("dossier")
    with pytest.raises(ValidationError) as error:
        actions.add_document(module, actor=organiser, title="", source="")
    assert set(error.value.message_dict) == {"title", "source"}
    assert Document.objects.count() == 0


def test_an_organiser_edits_moves_and_removes_documents():
    module, organiser = open_module("dossier")
    study = actions.add_document(module, actor=organiser, **STUDY)
    note = actions.add_document(module, actor=organiser, title="Note des maires", source="AMF")
    actions.update_document(note, actor=organiser, contradictory=True, viewpoint="collectivités")
    actions.move_document(note, actor=organiser, offset=-1)
    assert list(module.documents.values_list("title", "position", "contradictory")) == [
        ("Note des maires", 1, True),
        ("Étude d'impact du plan vélo", 2, False),
    ]
    actions.delete_document(study, actor=organiser)
    assert list(module.documents.values_list("title", flat=True)) == ["Note des maires"]


def test_a_citizen_suggests_a_source_once_per_key():
    module, _organiser = open_module("dossier")
    citizen = UserFactory()
    key = uuid.uuid4()
    suggestion, created = actions.suggest_source(
        module, author=citizen, title="Rapport de l'ADEME", url="https://ademe.fr/velo",
        why="Il chiffre les bénéfices pour la santé.", idempotency_key=key,
    )  # fmt: skip
    again, created_again = actions.suggest_source(
        module, author=citizen, title="Rapport de l'ADEME", url="https://ademe.fr/velo",
        why="Il chiffre les bénéfices pour la santé.", idempotency_key=key,
    )  # fmt: skip
    assert (created, created_again, again.pk) == (True, False, suggestion.pk)
    stored = Contribution.objects.get()
    assert stored.kind == ContributionKind.SOURCE_SUGGESTION
    assert stored.title == "Rapport de l'ADEME"
    assert stored.body == (
        "Il chiffre les bénéfices pour la santé.\n\nAdresse de la source : https://ademe.fr/velo"
    )
    assert stored.author == citizen and stored.module == module


def test_an_anonymous_visitor_suggests_under_a_pseudonym_only_where_allowed():
    module, _organiser = open_module("dossier")
    with pytest.raises(PermissionDenied):
        actions.suggest_source(
            module, author=None, title="Rapport", url="", why="Utile.",
            idempotency_key=uuid.uuid4(), pseudonym="Cycliste73",
        )  # fmt: skip
    open_to_all, _organiser = open_module("dossier", allow_pseudonym=True)
    suggestion, created = actions.suggest_source(
        open_to_all, author=None, title="Rapport", url="", why="Utile.",
        idempotency_key=uuid.uuid4(), pseudonym="Cycliste73",
    )  # fmt: skip
    assert created and suggestion.pseudonym == "Cycliste73" and suggestion.body == "Utile."
    assert Contribution.objects.count() == 1


def test_no_suggestion_once_the_module_is_closed_or_without_a_reason():
    today = timezone.localdate()
    closed, _organiser = open_module(
        "dossier", opens_on=today - timedelta(days=10), closes_on=today - timedelta(days=1)
    )
    citizen = UserFactory()
    with pytest.raises(PermissionDenied):
        actions.suggest_source(
            closed, author=citizen, title="Rapport", url="", why="Utile.",
            idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    module, _organiser = open_module("dossier")
    with pytest.raises(ValidationError) as error:
        actions.suggest_source(
            module, author=citizen, title="Rapport", url="", why="   ",
            idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    assert error.value.message_dict == {
        "why": ["Expliquez pourquoi cette source manque au dossier."]
    }
    assert Contribution.objects.count() == 0

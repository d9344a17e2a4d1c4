"""Module kinds come from a registry their own packages fill: the core lists none."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from concerto.participation import kinds
from concerto.participation.forms import ModuleForm
from concerto.participation.models import Module
from tests.factories import open_module


def test_the_six_kinds_register_themselves_in_their_order():
    assert [code for code, _label in kinds.choices()] == [
        "dossier", "questionnaire", "proposals", "meetings", "opinion_map", "text",
    ]  # fmt: skip
    assert dict(kinds.choices())["text"] == "Texte à co-construire"


def test_a_new_kind_needs_no_change_in_the_core(db, monkeypatch):
    # A kind registered by its own app (here by hand): the module form offers it, a module
    # of that kind validates, names itself, links to its page, and counts what people left.
    spec = kinds.ModuleKindSpec(
        code="petition", label="Pétition", namespace="proposals", position=70,
        participation_counters=(lambda module: 3,),
    )  # fmt: skip
    monkeypatch.setitem(kinds._KINDS, "petition", spec)
    assert ("petition", "Pétition") in ModuleForm().fields["kind"].choices
    module, _organiser = open_module("proposals")
    module.kind = "petition"
    module.full_clean()
    assert module.get_kind_display() == "Pétition"
    assert (
        module.get_absolute_url() == f"/dispositifs/{module.process.slug}/propositions/{module.pk}/"
    )
    assert module.organiser_page() is None  # no organisers' page declared
    assert module.participation_count() == 3


def test_an_unknown_kind_is_refused_and_a_code_cannot_be_taken_twice(db):
    module, _organiser = open_module("proposals")
    module.kind = "inconnu"
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert error.value.message_dict["kind"] == ["Type de module inconnu : inconnu."]
    assert Module.objects.get(pk=module.pk).kind == "proposals"
    other = kinds.ModuleKindSpec(code="text", label="Autre", namespace="x", position=1)
    with pytest.raises(ImproperlyConfigured):
        kinds.register(other)
    assert kinds.get("text").label == "Texte à co-construire"

"""concerto.workflow: a step is refused from a status it does not start from, and a step
taken is written in the object's history and the activity log, in that order, once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

# The domains' workflows, declared when their modules load (the URLs load them too).
from concerto.panels.workflow import PANEL_WORKFLOW
from concerto.procurement.workflow import ORDER_WORKFLOW
from concerto.support.workflow import SUPPORT_WORKFLOW
from concerto.workflow import Step, Workflow

DOMAIN_WORKFLOWS = (PANEL_WORKFLOW, ORDER_WORKFLOW, SUPPORT_WORKFLOW)


class Colour(models.TextChoices):
    RED = "red", "Rouge"
    GREEN = "green", "Vert"
    BLUE = "blue", "Bleu"


class _Entries:
    def __init__(self):
        self.rows = []

    def create(self, **fields):
        self.rows.append(fields)
        return fields


class _History:
    objects = _Entries()


class _Light:
    status = Colour.RED
    saved_fields = None

    def save(self, update_fields):
        self.saved_fields = update_fields


class _Actor:
    is_authenticated = True


@pytest.fixture
def world():
    _History.objects = _Entries()
    recorded = []
    workflow = Workflow(
        name="lights",
        statuses=Colour,
        initial=Colour.RED,
        steps={
            "go": Step(frozenset({Colour.RED}), Colour.GREEN),
            "note": Step(frozenset(Colour), None, label="Note ajoutée"),
            "remark": Step(frozenset(Colour), None, label="Remarque", reason_in_activity=False),
            "visit": Step(frozenset(Colour), None, label="Visite", staff=False),
        },
        history=lambda: _History,
        subject="light",
        record=lambda *args, **kwargs: recorded.append((args, kwargs)),
        refusal="Impossible au statut « %(status)s ».",
    )
    yield workflow, recorded
    Workflow.declared.remove(workflow)


def test_a_step_moves_the_object_and_is_written_once_in_each_log(world):
    workflow, recorded = world
    light, actor = _Light(), _Actor()
    entry = workflow.take(light, "go", actor, reason="feu vert", also_save=("updated_at",))
    assert light.status == Colour.GREEN
    assert light.saved_fields == ["status", "updated_at"]
    assert _History.objects.rows == [
        {
            "light": light,
            "action": "go",
            "from_status": "red",
            "to_status": "green",
            "actor": actor,
            "reason": "feu vert",
        }
    ]
    assert entry is _History.objects.rows[0]
    assert recorded == [
        ((actor, "lights.go", light), {"summary": "Statut : Rouge → Vert", "reason": "feu vert"})
    ]


def test_a_step_the_status_does_not_allow_is_refused_and_changes_nothing(world):
    workflow, recorded = world
    light = _Light()
    light.status = Colour.BLUE
    with pytest.raises(ValidationError) as refused:
        workflow.take(light, "go", _Actor())
    assert refused.value.messages == ["Impossible au statut « Bleu »."]
    assert light.status == Colour.BLUE and light.saved_fields is None
    assert _History.objects.rows == [] and recorded == []


def test_an_event_keeps_the_status_and_says_its_label(world):
    workflow, recorded = world
    light = _Light()
    workflow.take(light, "note", _Actor(), summary=None)
    assert light.status == Colour.RED
    assert light.saved_fields is None  # nothing of the object changed: no write
    assert _History.objects.rows[0]["to_status"] == "red"
    assert recorded[0][1]["summary"] == "Note ajoutée"


def test_a_public_step_is_in_the_history_only_and_a_private_reason_stays_there(world):
    workflow, recorded = world
    light, actor = _Light(), _Actor()
    workflow.take(light, "visit", actor, reason="passage")
    workflow.take(light, "remark", actor, reason="texte de la remarque")
    assert [row["reason"] for row in _History.objects.rows] == ["passage", "texte de la remarque"]
    assert recorded == [((actor, "lights.remark", light), {"summary": "Remarque", "reason": ""})]


def test_unreachable_names_the_statuses_no_step_leads_to(world):
    workflow, _recorded = world
    assert workflow.unreachable() == {"blue"}
    workflow.add("paint", {Colour.GREEN}, Colour.BLUE)
    assert workflow.unreachable() == set()
    with pytest.raises(ValueError):
        workflow.add("paint", {Colour.GREEN}, Colour.BLUE)


def test_every_declared_workflow_reaches_each_of_its_statuses_by_a_named_step():
    declared = {workflow.name for workflow in Workflow.declared}
    assert declared >= {"processes", "procurement", "support", "panels"}
    assert {w.name: w.unreachable() for w in Workflow.declared} == {
        w.name: set() for w in Workflow.declared
    }

"""A panel's staff steps go through its workflow (issue 20): a step its status does not
allow changes nothing; a step taken is written once in the panel's history and once in
the activity log."""

import pytest
from django.core.exceptions import ValidationError

from concerto.activity.models import Entry
from concerto.panels import actions
from concerto.panels.models import Panel, PanelTransition
from concerto.panels.workflow import PANEL_WORKFLOW
from tests.panels.helpers import ORIGIN, computed_panel, drawn_panel, lottery_panel

pytestmark = pytest.mark.django_db


def _state(panel):
    panel.refresh_from_db()
    return panel.status, PanelTransition.objects.count(), Entry.objects.count()


def test_a_step_its_status_does_not_allow_changes_nothing():
    panel, referent = computed_panel()
    before = _state(panel)
    with pytest.raises(ValidationError) as refused:
        actions.publish_panel(panel, actor=referent)
    assert refused.value.messages == ["Seul un panel tiré au sort peut être publié."]
    assert _state(panel) == before

    panel, referent, _draw = drawn_panel()
    before = _state(panel)
    with pytest.raises(ValidationError) as refused:
        actions.draw_panel(panel, actor=referent)  # a double click
    assert refused.value.messages == ["Le panel est déjà tiré au sort."]
    assert _state(panel) == before == (Panel.Status.DRAWN, *before[1:])


def test_a_draw_writes_one_step_of_history_and_one_line_of_activity():
    panel, referent = lottery_panel()
    actions.fix_seed(panel, actor=referent, seed="07-19-23-31-42", origin=ORIGIN)
    transitions, entries = PanelTransition.objects.count(), Entry.objects.count()
    actions.draw_panel(panel, actor=referent)
    assert PanelTransition.objects.count() == transitions + 1
    assert Entry.objects.count() == entries + 1
    step = panel.transitions.last()
    assert (step.action, step.from_status, step.to_status, step.actor) == (
        "draw", "draft", "drawn", referent,
    )  # fmt: skip
    assert Entry.objects.order_by("pk").last().action == "panels.draw"
    panel.refresh_from_db()
    assert panel.status == Panel.Status.DRAWN


def test_the_history_holds_every_panel_step_of_the_activity_log():
    panel, referent, _draw = drawn_panel()
    actions.publish_panel(panel, actor=referent)
    history = list(panel.transitions.values_list("action", "from_status", "to_status"))
    assert history == [
        ("create", "draft", "draft"),
        ("import_pool", "draft", "draft"),
        ("start_computation", "draft", "draft"),
        ("publish_lottery", "draft", "draft"),
        ("fix_seed", "draft", "draft"),
        ("draw", "draft", "drawn"),
        ("publish", "drawn", "published"),
    ]
    logged = Entry.objects.filter(target_type__model="panel", target_id=panel.pk)
    assert [f"panels.{action}" for action, _f, _t in history] == list(
        logged.order_by("pk").values_list("action", flat=True)
    )


def test_a_step_no_action_message_covers_is_refused_in_french():
    panel, referent = computed_panel()
    with pytest.raises(ValidationError) as refused:
        PANEL_WORKFLOW.take(panel, "decline", referent)
    assert refused.value.messages == [
        "Cette étape est impossible pour un panel au statut « En préparation »."
    ]


def test_every_status_is_reached_by_a_named_step():
    assert PANEL_WORKFLOW.unreachable() == set()

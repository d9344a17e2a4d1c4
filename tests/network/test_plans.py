from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.network import actions
from concerto.network.models import ActionStatus, PlanAction
from concerto.network.queries import completion, directory, plan_progress
from tests.factories import MinistryFactory, complete_process, user_with_role
from tests.network.factories import deputy_of, plan_with_actions

pytestmark = pytest.mark.django_db


def _fields(action, **changes):
    fields = {name: getattr(action, name) for name in actions.ACTION_FIELDS}
    fields.update(changes)
    return fields


def test_the_referent_updates_an_action_and_links_a_process():
    plan, referent, _agent, (first, *_rest) = plan_with_actions()
    process = complete_process(ministry=plan.ministry)
    saved = actions.save_plan_action(
        plan,
        actor=referent,
        fields=_fields(first, status=ActionStatus.DONE),
        processes=[process],
        action=first,
        expected_version=1,
    )
    assert (saved.status, saved.version, saved.updated_by) == (ActionStatus.DONE, 2, referent)
    assert list(saved.processes.all()) == [process]


def test_an_edit_from_an_outdated_form_is_refused_and_nothing_is_lost():
    plan, referent, _agent, (first, *_rest) = plan_with_actions()
    actions.save_plan_action(
        plan,
        actor=referent,
        fields=_fields(first, title="Version A"),
        action=first,
        expected_version=1,
    )
    with pytest.raises(ValidationError, match="modifiée entre-temps"):
        actions.save_plan_action(
            plan,
            actor=referent,
            fields=_fields(first, title="Version B"),
            action=first,
            expected_version=1,
        )
    assert PlanAction.objects.get(pk=first.pk).title == "Version A"


def test_only_the_ministry_referent_or_deputy_edits_the_plan():
    plan, _referent, agent, (first, *_rest) = plan_with_actions()
    for outsider in (agent, user_with_role(Role.REFERENT), user_with_role(Role.CIPC_ADVISOR)):
        with pytest.raises(PermissionDenied):
            actions.save_plan_action(
                plan, actor=outsider, fields=_fields(first, title="X"), action=first
            )
    deputy = deputy_of(plan.ministry)
    actions.save_plan_action(
        plan, actor=deputy, fields=_fields(first, title="Par la suppléante"), action=first
    )
    assert PlanAction.objects.get(pk=first.pk).title == "Par la suppléante"


def test_processes_of_another_ministry_cannot_be_linked():
    plan, referent, _agent, (first, *_rest) = plan_with_actions()
    foreign = complete_process(ministry=MinistryFactory())
    with pytest.raises(ValidationError):
        actions.save_plan_action(
            plan, actor=referent, fields=_fields(first), processes=[foreign], action=first
        )
    assert not first.processes.exists()


def test_progress_counts_actions_by_status_and_lateness():
    plan_with_actions()
    other, referent, _agent, _actions = plan_with_actions(
        slug="sante", name="Ministère de la Santé"
    )
    PlanAction.objects.create(
        plan=other,
        title="Abandonnée",
        status=ActionStatus.ABANDONED,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    rows = {row.ministry.slug: row for row in plan_progress()}
    culture = rows["culture"]
    assert (culture.total, culture.planned, culture.in_progress, culture.done, culture.late) == (
        3,
        1,
        1,
        1,
        1,
    )
    assert completion(culture) == 33
    assert (rows["sante"].total, rows["sante"].abandoned, completion(rows["sante"])) == (4, 1, 33)


def test_directory_lists_referents_and_deputies_per_ministry():
    plan, referent, _agent, _actions = plan_with_actions()
    deputy = deputy_of(plan.ministry)
    entry = next(e for e in directory() if e.ministry == plan.ministry)
    assert entry.referents == [referent]
    assert [d.user for d in entry.deputies] == [deputy]

import uuid
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.notifications.models import Notification
from concerto.support import actions
from concerto.support.models import Formula, LogEntry, Status, SupportRequest
from tests.factories import DirectorateFactory, MinistryFactory, user_with_role

pytestmark = pytest.mark.django_db


def _request(formula=Formula.END_TO_END, **fields):
    ministry = MinistryFactory()
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    referent = user_with_role(Role.REFERENT, organisation=ministry)
    cipc = user_with_role(Role.CIPC_ADVISOR)
    support_request = actions.submit_request(
        actor=agent,
        ministry=ministry,
        title="Convention citoyenne sur l'eau",
        context="Plan eau 2027.",
        needs="Choisir la méthode.",
        calendar="Décision en juin.",
        formula_requested=formula,
        **fields,
    )
    return support_request, agent, referent, cipc


def _snapshot(support_request):
    support_request.refresh_from_db()
    return (
        support_request.status,
        support_request.formula,
        support_request.advisor_id,
        support_request.decline_reason,
        support_request.log.count(),
    )


def test_submit_notifies_cipc_and_referent_and_is_idempotent():
    key = uuid.uuid4()
    support_request, agent, referent, cipc = _request(idempotency_key=key)
    again = actions.submit_request(
        actor=agent, ministry=support_request.ministry, title="x", context="x", needs="x",
        calendar="x", formula_requested=Formula.COACHING, idempotency_key=key,
    )  # fmt: skip
    assert again.pk == support_request.pk
    assert SupportRequest.objects.count() == 1
    assert support_request.status == Status.SUBMITTED
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert told == {agent.pk, referent.pk, cipc.pk}


def test_another_agents_request_with_the_same_key_is_filed_on_its_own():
    key = uuid.uuid4()
    first, _agent, _referent, _cipc = _request(idempotency_key=key)
    other, *_rest = _request(idempotency_key=key)
    assert other.pk != first.pk
    assert other.requester_id != first.requester_id
    assert other.title == "Convention citoyenne sur l'eau"
    assert SupportRequest.objects.count() == 2


def test_a_citizen_replaying_an_agents_key_is_refused_before_any_lookup():
    key = uuid.uuid4()
    first, *_rest = _request(idempotency_key=key)
    with pytest.raises(PermissionDenied):
        actions.submit_request(
            actor=user_with_role(Role.CITIZEN), ministry=first.ministry, title="t",
            context="c", needs="n", calendar="k", formula_requested=Formula.COACHING,
            idempotency_key=key,
        )  # fmt: skip
    assert SupportRequest.objects.count() == 1


def test_submit_refuses_a_foreign_ministry_with_a_message():
    _request_, agent, _referent, _cipc = _request()
    with pytest.raises(ValidationError) as error:
        actions.submit_request(
            actor=agent, ministry=MinistryFactory(), title="t", context="c", needs="n",
            calendar="k", formula_requested=Formula.COACHING,
        )  # fmt: skip
    assert error.value.message_dict == {"ministry": ["Vous n'êtes pas rattaché à ce ministère."]}
    assert SupportRequest.objects.count() == 1


def test_citizen_cannot_request():
    with pytest.raises(PermissionDenied):
        actions.submit_request(
            actor=user_with_role(Role.CITIZEN), ministry=MinistryFactory(), title="t",
            context="c", needs="n", calendar="k", formula_requested=Formula.COACHING,
        )  # fmt: skip
    assert SupportRequest.objects.count() == 0


def test_accept_assign_plan_note_close_and_survey():
    support_request, agent, referent, cipc = _request()
    actions.accept_request(support_request, actor=cipc)
    actions.assign_advisor(support_request, actor=cipc, advisor=cipc)
    milestone = actions.add_milestone(
        support_request, actor=cipc, title="Atelier de cadrage", due_date=date(2027, 1, 15)
    )
    actions.complete_milestone(milestone, actor=cipc)
    actions.add_note(support_request, actor=cipc, text="Cadrage validé.")
    actions.close_request(support_request, actor=cipc, summary="Convention lancée.")
    survey = actions.answer_survey(
        support_request, user=agent, rating=5, would_recommend=True, comment="Merci"
    )
    support_request.refresh_from_db()
    assert support_request.status == Status.CLOSED
    assert support_request.formula == Formula.END_TO_END
    assert support_request.advisor == cipc
    assert survey.rating == 5
    assert list(support_request.log.values_list("action", flat=True)) == [
        "submit", "accept", "assign", "add_milestone", "complete_milestone", "note", "close",
        "survey",
    ]  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.answer_survey(support_request, user=agent, rating=1, would_recommend=False)


def test_redirect_to_coaching_keeps_the_reason():
    support_request, agent, _referent, cipc = _request()
    actions.redirect_to_coaching(support_request, actor=cipc, message="Projet déjà bien cadré.")
    support_request.refresh_from_db()
    assert (support_request.status, support_request.formula) == (Status.ACCEPTED, "coaching")
    assert support_request.log.last().reason == "Projet déjà bien cadré."
    assert Notification.objects.filter(recipient=agent).first().subject == (
        "Demande orientée vers le coaching léger : Convention citoyenne sur l'eau"
    )


def test_decline_needs_a_reason():
    support_request, _agent, _referent, cipc = _request()
    before = _snapshot(support_request)
    with pytest.raises(ValidationError):
        actions.decline_request(support_request, actor=cipc, reason="  ")
    assert _snapshot(support_request) == before
    actions.decline_request(support_request, actor=cipc, reason="Hors du champ du CIPC.")
    assert _snapshot(support_request)[:4] == (
        Status.DECLINED, "", None, "Hors du champ du CIPC."
    )  # fmt: skip


def test_refused_transitions_change_nothing():
    support_request, agent, referent, cipc = _request(formula=Formula.COACHING)
    before = _snapshot(support_request)
    for actor in (agent, referent):
        with pytest.raises(PermissionDenied):
            actions.accept_request(support_request, actor=actor)
    with pytest.raises(PermissionDenied):
        actions.assign_advisor(support_request, actor=cipc, advisor=cipc)  # not accepted yet
    with pytest.raises(PermissionDenied):
        actions.redirect_to_coaching(support_request, actor=cipc, message="déjà coaching")
    with pytest.raises(PermissionDenied):
        actions.close_request(support_request, actor=cipc, summary="trop tôt")
    assert _snapshot(support_request) == before
    actions.decline_request(support_request, actor=cipc, reason="Hors champ.")
    declined = _snapshot(support_request)
    with pytest.raises(PermissionDenied):
        actions.accept_request(support_request, actor=cipc)
    assert _snapshot(support_request) == declined


def test_assigning_a_non_cipc_user_is_refused():
    support_request, agent, _referent, cipc = _request()
    actions.accept_request(support_request, actor=cipc)
    with pytest.raises(ValidationError):
        actions.assign_advisor(support_request, actor=cipc, advisor=agent)
    support_request.refresh_from_db()
    assert support_request.advisor is None


def test_visibility():
    support_request, agent, referent, cipc = _request()
    other_referent = user_with_role(Role.REFERENT)
    other_agent = user_with_role(Role.AGENT, organisation=agent.memberships.get().organisation)
    visible = {
        user: list(SupportRequest.objects.visible_to(user))
        for user in (agent, referent, cipc, other_referent, other_agent)
    }
    assert visible == {
        agent: [support_request],
        referent: [support_request],
        cipc: [support_request],
        other_referent: [],
        other_agent: [],
    }
    assert LogEntry.objects.count() == 1


def test_a_step_its_status_does_not_allow_changes_nothing():
    """Closing a declined request (a stale page): refused, and neither the request, its
    log nor the activity log move."""
    support_request, _agent, _referent, cipc = _request()
    actions.decline_request(support_request, actor=cipc, reason="Hors champ.")

    def state():
        support_request.refresh_from_db()
        return (
            support_request.status,
            support_request.closed_at,
            support_request.log.count(),
            Entry.objects.count(),
        )

    before = state()
    with pytest.raises(PermissionDenied):
        actions.close_request(support_request, actor=cipc, summary="Trop tard.")
    with pytest.raises(PermissionDenied):
        actions.add_note(support_request, actor=cipc, text="Encore une note.")
    assert state() == before
    assert list(support_request.log.values_list("action", "from_status", "to_status")) == [
        ("submit", "", Status.SUBMITTED),
        ("decline", Status.SUBMITTED, Status.DECLINED),
    ]

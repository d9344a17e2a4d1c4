"""Issue 22: the back-and-forth between the agent and the ministry's referent before the
referral: "Prêt pour mon référent", "Renvoyer à l'agent avec remarques", then the referral."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.accounts.roles import Role
from concerto.notifications.models import Notification
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process, Transition
from concerto.testing.emails import assert_email, sent
from tests.factories import complete_process, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_url):
    process = complete_process()
    referent = user_with_role(
        Role.REFERENT, organisation=process.ministry, email="referent@exemple.gouv.fr"
    )
    return process, process.project_lead, referent


def snapshot_of(process) -> tuple:
    """What a refused action must leave as it was."""
    return (
        Process.objects.get(pk=process.pk).status,
        Transition.objects.count(),
        Notification.objects.count(),
    )


def test_an_agent_hands_the_declaration_to_the_referent_who_is_emailed(
    people, django_capture_on_commit_callbacks
):
    process, agent, referent = people
    with django_capture_on_commit_callbacks(execute=True):
        actions.mark_ready_for_referent(process, actor=agent, note="Budget revu.")
    process.refresh_from_db()
    assert process.status == Status.READY_FOR_REFERENT
    assert list(
        process.transitions.values_list("action", "from_status", "to_status", "actor", "reason")
    ) == [("mark_ready_for_referent", "draft", "ready_for_referent", agent.pk, "Budget revu.")]
    [message] = mail.outbox
    assert assert_email(
        message, to="referent@exemple.gouv.fr",
        subject="Concerto : Dispositif prêt pour votre validation : Concertation sur le plan vélo",
    ) == [f"/espace/dispositifs/{process.pk}/"]  # fmt: skip
    assert referent.notifications.get().subject == (
        "Dispositif prêt pour votre validation : Concertation sur le plan vélo"
    )


def test_the_referent_returns_it_with_remarks_and_the_agent_who_waits_is_emailed(
    people, django_capture_on_commit_callbacks
):
    process, lead, referent = people
    # A colleague of the lead hands it over: both the colleague and the lead are told.
    colleague = user_with_role(
        Role.AGENT, organisation=lead.memberships.first().organisation, email="coll@exemple.fr"
    )
    actions.mark_ready_for_referent(process, actor=colleague)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_to_agent(process, actor=referent, remarks="  Préciser le budget.  ")
    process.refresh_from_db()
    assert process.status == Status.DRAFT
    log = process.transitions.last()
    assert (log.action, log.from_status, log.to_status, log.actor, log.reason) == (
        "return_to_agent", "ready_for_referent", "draft", referent, "Préciser le budget.",
    )  # fmt: skip
    subject = "Concerto : Remarques de votre référent sur « Concertation sur le plan vélo »"
    waiting = sorted(["coll@exemple.fr", lead.email])
    assert len(mail.outbox) == 2
    for message, address in zip(sent(), waiting, strict=True):
        assert assert_email(message, to=address, subject=subject) == [
            f"/espace/dispositifs/{process.pk}/"
        ]
        assert "Préciser le budget." in message.body


def test_returning_without_remarks_is_refused_and_changes_nothing(people):
    process, agent, referent = people
    actions.mark_ready_for_referent(process, actor=agent)
    before = snapshot_of(process)
    with pytest.raises(ValidationError) as error:
        actions.return_to_agent(process, actor=referent, remarks="   ")
    assert error.value.message_dict == {
        "remarks": ["Indiquez vos remarques : l'agent doit savoir quoi reprendre."]
    }
    assert snapshot_of(process) == before == (Status.READY_FOR_REFERENT, 1, 1)


def test_each_side_may_only_make_its_own_move(people):
    process, agent, referent = people
    before = snapshot_of(process)
    with pytest.raises(PermissionDenied):
        actions.mark_ready_for_referent(process, actor=referent)
    with pytest.raises(PermissionDenied):
        actions.return_to_agent(process, actor=referent, remarks="Trop tôt.")
    assert snapshot_of(process) == before == (Status.DRAFT, 0, 0)
    actions.mark_ready_for_referent(process, actor=agent)
    before = snapshot_of(process)
    for actor in (agent, user_with_role(Role.REFERENT)):  # the other ministry's referent
        with pytest.raises(PermissionDenied):
            actions.return_to_agent(process, actor=actor, remarks="Non.")
    with pytest.raises(PermissionDenied):
        actions.mark_ready_for_referent(process, actor=agent)  # already handed over
    assert snapshot_of(process) == before


def test_the_referent_refers_a_declaration_the_agent_made_ready(people):
    process, agent, referent = people
    actions.mark_ready_for_referent(process, actor=agent)
    actions.submit_referral(process, actor=referent)
    process.refresh_from_db()
    assert process.status == Status.SUBMITTED
    assert list(process.transitions.values_list("action", flat=True)) == [
        "mark_ready_for_referent", "submit_referral",
    ]  # fmt: skip


def test_remarks_sent_empty_come_back_next_to_the_field(people, client):
    process, agent, referent = people
    actions.mark_ready_for_referent(process, actor=agent)
    before = snapshot_of(process)
    client.force_login(referent)
    response = client.post(f"/espace/dispositifs/{process.pk}/renvoi-a-l-agent/", {"remarks": ""})
    assert response.status_code == 400
    assert response.context["return_form"].errors == {
        "remarks": ["Indiquez vos remarques : l'agent doit savoir quoi reprendre."]
    }
    assert snapshot_of(process) == before
    response = client.post(
        f"/espace/dispositifs/{process.pk}/renvoi-a-l-agent/", {"remarks": "Préciser."}
    )
    assert response.status_code == 302
    # Sent twice (a double click): the second is refused, nothing is duplicated.
    response = client.post(
        f"/espace/dispositifs/{process.pk}/renvoi-a-l-agent/", {"remarks": "Préciser."}
    )
    assert response.status_code == 403
    assert process.transitions.filter(action="return_to_agent").count() == 1

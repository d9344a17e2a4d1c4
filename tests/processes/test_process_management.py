"""Copying a process as a draft, deleting a draft, archiving a finished process."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.participation.actions import create_module
from concerto.participation.models import Contribution, ContributionKind, Module
from concerto.processes.actions import archive_process, delete_process, duplicate_process
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process, Transition
from tests.factories import complete_process, user_with_role, walk_to
from tests.processes.helpers import finished_process

pytestmark = pytest.mark.django_db


def database() -> tuple:
    """Every process, module and journal line as stored."""
    return (
        [model_to_dict(p, exclude=["themes"]) for p in Process.objects.order_by("pk")],
        list(Module.objects.order_by("pk").values()),
        list(Transition.objects.order_by("pk").values_list("process_id", "action", "reason")),
    )


def with_module(process):
    today = timezone.localdate()
    return create_module(
        process, actor=process.project_lead, kind="proposals", title="Vos propositions",
        opens_on=today, closes_on=today + timedelta(days=30), description="Proposez.",
    )  # fmt: skip


def test_duplicate_copies_the_declaration_and_modules_never_the_referral_or_contributions():
    source = complete_process(title="Plan vélo")
    module = with_module(source)
    walk_to(source, Status.OPEN)
    citizen = user_with_role(Role.CITIZEN)
    Contribution.objects.create(
        module=module, kind=ContributionKind.PROPOSAL, author=citizen, title="T", body="B"
    )
    agent = user_with_role(Role.AGENT, organisation=source.ministry)
    copy = duplicate_process(source, actor=agent, creation_key=uuid.uuid4())
    assert (copy.title, copy.status, copy.project_lead, copy.copied_from) == (
        "Plan vélo (copie)",
        Status.DRAFT,
        agent,
        source,
    )
    assert (copy.slug, copy.decision_at_stake, copy.methods, copy.sponsor_id) == (
        "plan-velo-copie",
        source.decision_at_stake,
        source.methods,
        source.sponsor_id,
    )
    assert list(copy.sources.values_list("title", flat=True)) == list(
        source.sources.values_list("title", flat=True)
    )
    assert list(copy.commitments.values_list("what", "due_date")) == list(
        source.commitments.values_list("what", "due_date")
    )
    copied = copy.modules.get()
    assert (copied.kind, copied.title, copied.description, copied.opens_on, copied.published) == (
        "proposals",
        "Vos propositions",
        "Proposez.",
        module.opens_on,
        True,
    )
    assert copied.contributions.count() == 0
    assert not hasattr(copy, "referral") or copy.referral is None
    assert list(copy.transitions.values_list("action", "reason")) == [
        ("duplicate_process", "Copie de « Plan vélo »")
    ]


def test_a_double_submitted_copy_makes_one_draft():
    source = complete_process(title="Plan vélo")
    key = uuid.uuid4()
    first = duplicate_process(source, actor=source.project_lead, creation_key=key)
    second = duplicate_process(source, actor=source.project_lead, creation_key=key)
    assert first.pk == second.pk
    assert Process.objects.filter(copied_from=source).count() == 1


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.CIPC_ADVISOR, Role.AGENT])
def test_outsiders_neither_copy_nor_delete_nor_archive(role):
    finished = finished_process(n_citizens=1)
    draft = complete_process(ministry=finished.process.ministry, title="Brouillon")
    outsider = user_with_role(role)  # an agent of another ministry
    before = database()
    with pytest.raises(PermissionDenied):
        duplicate_process(draft, actor=outsider, creation_key=uuid.uuid4())
    with pytest.raises(PermissionDenied):
        delete_process(draft, actor=outsider)
    with pytest.raises(PermissionDenied):
        archive_process(finished.process, actor=outsider)
    assert database() == before


def test_delete_removes_a_draft_and_its_copy_leaves_a_line_in_the_original():
    source = complete_process(title="Plan vélo")
    copy = duplicate_process(source, actor=source.project_lead, creation_key=uuid.uuid4())
    with_module(copy)
    delete_process(copy, actor=source.project_lead)
    assert not Process.objects.filter(pk=copy.pk).exists()
    assert not Module.objects.filter(process_id=copy.pk).exists()
    assert list(source.transitions.values_list("action", "reason")) == [
        ("delete_copy", "Copie « Plan vélo (copie) » supprimée")
    ]


def test_a_referred_draft_and_a_draft_with_contributions_are_not_deleted():
    referred = complete_process(title="Saisi")
    referent, _advisor = walk_to(referred, Status.SUBMITTED)
    draft = complete_process(ministry=referred.ministry, title="Brouillon")
    module = with_module(draft)
    citizen = user_with_role(Role.CITIZEN)
    Contribution.objects.create(
        module=module, kind=ContributionKind.CONTRIBUTION, author=citizen, body="Par courrier."
    )
    before = database()
    with pytest.raises(PermissionDenied):
        delete_process(referred, actor=referent)
    with pytest.raises(ValidationError) as error:
        delete_process(draft, actor=referent)
    assert error.value.messages == [
        "Ce brouillon a déjà reçu 1 participation : il ne peut pas être supprimé."
    ]
    assert database() == before


def test_delete_twice_finds_nothing_the_second_time():
    draft = complete_process(title="Brouillon")
    pk = draft.pk
    delete_process(draft, actor=draft.project_lead)
    with pytest.raises(Process.DoesNotExist):
        delete_process(draft, actor=draft.project_lead)
    assert not Process.objects.filter(pk=pk).exists()


def test_the_referent_archives_a_finished_process_once():
    finished = finished_process(n_citizens=1)
    process = finished.process
    agent = user_with_role(Role.AGENT, organisation=process.ministry)
    before = database()
    with pytest.raises(PermissionDenied):
        archive_process(process, actor=agent)
    assert database() == before
    archive_process(process, actor=finished.referent, reason="Dispositif terminé.")
    process.refresh_from_db()
    assert process.status == Status.ARCHIVED
    log = process.transitions.last()
    assert (log.action, log.from_status, log.to_status, log.actor, log.reason, log.label) == (
        "archive_process", Status.FOLLOW_UP_PUBLISHED, Status.ARCHIVED, finished.referent,
        "Dispositif terminé.", "Dispositif archivé",
    )  # fmt: skip
    assert process.is_public
    before = database()
    with pytest.raises(PermissionDenied):
        archive_process(process, actor=finished.referent)  # the double submit
    assert database() == before


def test_a_process_still_open_or_closed_is_not_archived():
    process = complete_process()
    referent, _advisor = walk_to(process, Status.CLOSED)
    before = database()
    with pytest.raises(PermissionDenied):
        archive_process(process, actor=referent)
    assert database() == before

"""The activity log (issue 22): every staff action is written with its author, object,
date and reason; administrators and CIPC advisors filter it and export what they see;
it is kept as long as the personal-data register says."""

import uuid
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.accounts import actions
from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.followup.models import Answer, AnswerBatch
from concerto.panels.models import Panel, PanelSession, Recommendation
from concerto.participation.actions import hide_contribution, submit_contribution
from concerto.privacy.models import StaffAccess
from concerto.privacy.retention import purge_activity_log
from concerto.processes.lifecycle import Status
from concerto.processes.models import FollowUpCommitment
from concerto.procurement.models import Order
from concerto.support.models import SupportRequest
from concerto.testing.downloads import csv_rows
from concerto.trainings.models import Session
from tests.factories import (
    MinistryFactory,
    UserFactory,
    complete_process,
    open_module,
    user_with_role,
    walk_to,
)

pytestmark = pytest.mark.django_db


def _lines(**filters):
    return list(
        Entry.objects.filter(**filters)
        .order_by("pk")
        .values_list("action", "actor", "target_label", "summary", "reason")
    )


def test_a_role_given_then_withdrawn_writes_two_lines():
    admin = user_with_role(Role.ADMINISTRATOR)
    person = UserFactory(first_name="Hélène", last_name="Durand")
    ministry = MinistryFactory(name="Ministère de la Culture")
    membership = actions.grant_role(
        actor=admin, user=person, organisation=ministry, role=Role.REFERENT, reason="Nommée."
    )
    actions.revoke_role(actor=admin, membership=membership, reason="Partie.")
    assert _lines(target_id=person.pk, action__startswith="accounts.") == [
        ("accounts.grant_role", admin.pk, "Hélène Durand",
         "Rôle « Référent ministériel » donné — Ministère de la Culture", "Nommée."),
        ("accounts.revoke_role", admin.pk, "Hélène Durand",
         "Rôle « Référent ministériel » retiré — Ministère de la Culture", "Partie."),
    ]  # fmt: skip


def test_a_refused_action_writes_nothing():
    admin = user_with_role(Role.ADMINISTRATOR)
    before = Entry.objects.count()
    with pytest.raises(ValidationError):
        actions.grant_role(
            actor=admin, user=UserFactory(), organisation=MinistryFactory(),
            role=Role.REFERENT, reason=" ",
        )  # fmt: skip
    assert Entry.objects.count() == before


def test_process_steps_and_moderation_are_logged():
    process = complete_process(title="Plan vélo")
    referent = user_with_role(Role.REFERENT, process.ministry)
    walk_to(process, Status.SUBMITTED, referent=referent)
    assert _lines(target_id=process.pk, action__startswith="processes.")[-1] == (
        "processes.submit_referral", referent.pk, "Plan vélo",
        "Statut : Brouillon → Saisine transmise au CIPC", "",
    )  # fmt: skip
    module, organiser = open_module("proposals")
    contribution, _ = submit_contribution(
        module, author=UserFactory(), kind="proposal", title="Insultes", body="…",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    hide_contribution(contribution, actor=organiser, reason="insult", note="Propos injurieux.")
    assert _lines(action="participation.hide") == [
        ("participation.hide", organiser.pk, "Insultes",
         "Contribution masquée — Propos injurieux ou diffamatoires", "Propos injurieux."),
    ]  # fmt: skip


def _entry(day: date, **fields) -> Entry:
    at = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 10, 30))
    return Entry.objects.create(at=at, **fields)


@pytest.fixture
def journal():
    """Three lines on three days, by two people, about two kinds of object."""
    from django.contrib.contenttypes.models import ContentType

    from concerto.accounts.models import User
    from concerto.processes.models import Process

    alice = UserFactory(first_name="Alice", last_name="Émery")
    bruno = UserFactory(first_name="Bruno", last_name="Roux")
    user_type = ContentType.objects.get_for_model(User)
    process_type = ContentType.objects.get_for_model(Process)
    _entry(date(2026, 11, 2), actor=alice, action="accounts.grant_role", target_type=user_type,
           target_id=1, target_label="Hélène Durand", summary="Rôle « Agent » donné",
           reason="Arrivée à la DITP.")  # fmt: skip
    _entry(date(2026, 11, 3), actor=bruno, action="processes.archive_process",
           target_type=process_type, target_id=2, target_label="Rénovation énergétique",
           summary="Dispositif archivé", reason="=HYPERLINK(\"x\")")  # fmt: skip
    _entry(date(2026, 11, 4), actor=None, action="processes.archive_process",
           target_type=process_type, target_id=3, target_label="Plan eau",
           summary="Dispositif archivé")  # fmt: skip
    return user_type, process_type


def _shown(response) -> list[str]:
    return [entry.target_label for entry in response.context["page_obj"]]


def test_the_journal_filters_and_exports_what_it_shows(journal):
    user_type, process_type = journal
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    url = reverse("administration:activity")
    everything = client.get(url)
    assert _shown(everything) == ["Plan eau", "Rénovation énergétique", "Hélène Durand"]
    # Accents and case aside, every word in the action, object, reason or author.
    assert _shown(client.get(url, {"q": "RENOVATION"})) == ["Rénovation énergétique"]
    assert _shown(client.get(url, {"q": "emery"})) == ["Hélène Durand"]
    assert _shown(client.get(url, {"kind": process_type.pk})) == [
        "Plan eau", "Rénovation énergétique"
    ]  # fmt: skip
    dated = {"since": "2026-11-03", "until": "2026-11-03", "order": "anciennes"}
    assert _shown(client.get(url, dated)) == ["Rénovation énergétique"]
    assert _shown(client.get(url, {"order": "anciennes"}))[0] == "Hélène Durand"
    wrong = client.get(url, {"since": "2026-11-04", "until": "2026-11-03"})
    assert wrong.context["form"].errors == {"until": ["Cette date doit suivre la date de début."]}
    assert _shown(wrong) == []
    download = client.get(reverse("administration:activity_csv"), {"kind": process_type.pk})
    assert csv_rows(download) == [
        ["date", "auteur", "action", "type_objet", "objet", "motif"],
        ["2026-11-04T10:30:00+01:00", "Automatique ou compte supprimé", "Dispositif archivé",
         "Dispositif", "Plan eau", ""],
        ["2026-11-03T10:30:00+01:00", "Bruno Roux", "Dispositif archivé", "Dispositif",
         "Rénovation énergétique", "'=HYPERLINK(\"x\")"],
    ]  # fmt: skip
    assert StaffAccess.objects.filter(category="Journal d'activité").count() == 1


def test_the_journal_is_the_administrators_and_advisors_only(journal):
    client = Client()
    for role in (Role.AGENT, Role.REFERENT, Role.CITIZEN):
        client.force_login(user_with_role(role))
        assert client.get(reverse("administration:activity")).status_code == 403
        assert client.get(reverse("administration:activity_csv")).status_code == 403
    assert StaffAccess.objects.count() == 0


def test_lines_older_than_five_years_are_deleted(journal):
    today = date(2031, 11, 2)  # 1,825 days after 2026-11-03 (2028 has 366)
    assert purge_activity_log(today) == 1
    assert list(Entry.objects.values_list("target_label", flat=True)) == [
        "Plan eau", "Rénovation énergétique"
    ]  # fmt: skip
    assert purge_activity_log(today + timedelta(days=2)) == 2


def test_the_type_filter_offers_the_objects_of_every_logged_domain_in_french():
    for model in (Order, SupportRequest, Panel, PanelSession, Recommendation, Session,
                  AnswerBatch, Answer, FollowUpCommitment):  # fmt: skip
        Entry.objects.create(action="x", target_type=ContentType.objects.get_for_model(model),
                             target_id=1, target_label="x", summary="x")  # fmt: skip
    client = Client()
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    form = client.get(reverse("administration:activity")).context["form"]
    assert [label for _pk, label in form.fields["kind"].choices] == [
        "Tous les types", "Bon de commande", "Demande d'accompagnement", "Engagement de suite",
        "Lot de réponses", "Panel citoyen", "Recommandation du panel", "Réponse",
        "Séance du panel", "Session",
    ]  # fmt: skip

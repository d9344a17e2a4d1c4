"""Each CIPC step on a support request writes one line of the activity log (issue 22),
with the reason given; a refused step writes nothing, and the requester's own steps
(filing, the satisfaction survey) are not staff actions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.activity.models import Entry
from concerto.support import actions
from concerto.support.models import Formula
from tests.support.test_actions import _request

pytestmark = pytest.mark.django_db
TITLE = "Convention citoyenne sur l'eau"


def _lines():
    return list(
        Entry.objects.order_by("pk").values_list(
            "action", "actor", "target_id", "target_label", "summary", "reason"
        )
    )


def test_the_cipc_steps_of_a_request_are_logged_once_each():
    support_request, agent, _referent, cipc = _request()
    cipc.first_name, cipc.last_name = "Claire", "Martin"
    cipc.save()
    pk = support_request.pk
    actions.accept_request(support_request, actor=cipc, message=" Projet prioritaire. ")
    actions.assign_advisor(support_request, actor=cipc, advisor=cipc)
    milestone = actions.add_milestone(
        support_request, actor=cipc, title="Atelier de cadrage", due_date=date(2027, 1, 15)
    )
    actions.complete_milestone(milestone, actor=cipc)
    actions.complete_milestone(milestone, actor=cipc)  # a second click: already done
    actions.add_note(support_request, actor=cipc, text="Cadrage validé.")
    actions.close_request(support_request, actor=cipc, summary="Convention lancée.")
    actions.answer_survey(support_request, user=agent, rating=5, would_recommend=True)
    assert _lines() == [
        ("support.accept", cipc.pk, pk, TITLE,
         "Demande acceptée (Accompagnement de bout en bout)", "Projet prioritaire."),
        ("support.assign", cipc.pk, pk, TITLE, "Conseiller désigné : Claire Martin", ""),
        ("support.add_milestone", cipc.pk, pk, TITLE,
         "Jalon planifié : Atelier de cadrage (15/01/2027)", ""),
        ("support.complete_milestone", cipc.pk, pk, TITLE,
         "Jalon atteint : Atelier de cadrage", ""),
        ("support.note", cipc.pk, pk, TITLE, "Note de suivi ajoutée", ""),
        ("support.close", cipc.pk, pk, TITLE, "Accompagnement clôturé", "Convention lancée."),
    ]  # fmt: skip
    assert Entry.objects.first().target_type.model == "supportrequest"


def test_a_redirection_to_coaching_is_logged_with_its_reason():
    support_request, _agent, _referent, cipc = _request()
    actions.redirect_to_coaching(support_request, actor=cipc, message="Projet déjà bien cadré.")
    assert _lines() == [
        ("support.redirect_to_coaching", cipc.pk, support_request.pk, TITLE,
         "Demande acceptée et orientée vers le coaching léger", "Projet déjà bien cadré."),
    ]  # fmt: skip


def test_a_decline_is_logged_with_its_reason_and_a_refused_one_is_not():
    support_request, agent, _referent, cipc = _request()
    with pytest.raises(ValidationError):
        actions.decline_request(support_request, actor=cipc, reason="  ")
    with pytest.raises(PermissionDenied):
        actions.decline_request(support_request, actor=agent, reason="Pas moi.")
    assert _lines() == []
    actions.decline_request(support_request, actor=cipc, reason="Hors du champ du CIPC.")
    with pytest.raises(PermissionDenied):  # already declined
        actions.decline_request(support_request, actor=cipc, reason="Encore.")
    assert _lines() == [
        ("support.decline", cipc.pk, support_request.pk, TITLE, "Demande déclinée",
         "Hors du champ du CIPC."),
    ]  # fmt: skip


def test_refused_steps_write_nothing():
    support_request, agent, _referent, cipc = _request(formula=Formula.COACHING)
    with pytest.raises(PermissionDenied):
        actions.assign_advisor(support_request, actor=cipc, advisor=cipc)  # not accepted yet
    actions.accept_request(support_request, actor=cipc)
    Entry.objects.all().delete()
    with pytest.raises(ValidationError):
        actions.assign_advisor(support_request, actor=cipc, advisor=agent)
    with pytest.raises(ValidationError):
        actions.add_milestone(support_request, actor=cipc, title=" ", due_date=date(2027, 1, 1))
    with pytest.raises(ValidationError):
        actions.add_note(support_request, actor=cipc, text=" ")
    with pytest.raises(PermissionDenied):
        actions.add_note(support_request, actor=agent, text="Moi aussi.")
    with pytest.raises(ValidationError):
        actions.close_request(support_request, actor=cipc, summary=" ")
    assert _lines() == []

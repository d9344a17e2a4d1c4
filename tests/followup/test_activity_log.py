"""The devoir de suite's public steps write one line of the activity log each (issue 22):
publishing a batch of answers, editing a published answer, moving a commitment's date.
Drafts are not logged; a refused step, or publishing again with no draft, writes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from concerto.activity.models import Entry
from concerto.followup import actions
from concerto.followup.models import AnswerLevel
from tests.followup.conftest import status
from tests.followup.test_actions import proposal_answer

pytestmark = pytest.mark.django_db


def _lines():
    return list(
        Entry.objects.filter(action__startswith="followup.")
        .order_by("pk")
        .values_list("action", "actor", "target_id", "target_label", "summary", "reason")
    )


def test_publishing_then_editing_an_answer_is_logged(closed):
    answer = proposal_answer(closed)
    proposal_answer(closed, contributions=closed.proposals[1:2])
    assert _lines() == []  # drafts
    batch = actions.publish_answers(closed.process, actor=closed.sponsor)
    with pytest.raises(ValidationError):  # nothing left to publish
        actions.publish_answers(closed.process, actor=closed.sponsor)
    fields = {"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui, en 2027."}
    edit = {"answer": answer, "fields": fields, "contributions": closed.proposals[:1]}
    with pytest.raises(ValidationError) as error:
        actions.save_answer(closed.process, actor=closed.sponsor, **edit)
    assert list(error.value.message_dict) == ["edit_reason"]
    actions.save_answer(
        closed.process, actor=closed.sponsor, edit_reason=" Calendrier précisé ", **edit
    )
    sponsor = closed.sponsor.pk
    assert _lines() == [
        ("followup.publish_answers", sponsor, batch.pk,
         f"Concertation sur le plan vélo — {batch.published_at:%Y-%m-%d}",
         "2 réponses publiées", ""),
        ("followup.edit_published_answer", sponsor, answer.pk, "Proposition 1",
         "Réponse publiée modifiée", "Calendrier précisé"),
    ]  # fmt: skip
    kinds = Entry.objects.filter(action__startswith="followup.").order_by("pk")
    assert list(kinds.values_list("target_type__model", flat=True)) == ["answerbatch", "answer"]


def test_a_commitment_date_moved_is_logged_with_its_public_reason(closed):
    commitment = closed.process.commitments.get()
    type(commitment).objects.filter(pk=commitment.pk).update(due_date=date(2027, 3, 1))
    commitment.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.change_commitment_date(
            commitment, actor=closed.sponsor, due_date=date(2027, 4, 1), reason=" "
        )
    assert _lines() == []
    actions.change_commitment_date(
        commitment, actor=closed.sponsor, due_date=date(2027, 4, 1), reason="Retard du comité."
    )
    assert _lines() == [
        ("followup.change_commitment_date", closed.sponsor.pk, commitment.pk, commitment.what,
         "Échéance de l'engagement : 1er mars 2027 → 1er avril 2027", "Retard du comité."),
    ]  # fmt: skip

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.followup import actions, closing
from concerto.followup.models import (
    Answer,
    AnswerLevel,
    AnswerVersion,
    CommitmentVersion,
    Delivery,
    Rating,
)
from concerto.followup.queries import late_commitments, ministry_figures
from concerto.followup.tasks import deliver_batch
from concerto.notifications.models import Notification
from concerto.processes.lifecycle import Status
from concerto.processes.models import Transition
from concerto.testing.emails import assert_email, sent
from tests.factories import complete_process, user_with_role, walk_to
from tests.followup.conftest import closed_process, status

pytestmark = pytest.mark.django_db


def proposal_answer(closed, *, code="retained", contributions=None, **fields):
    return actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status(code), "text": "Oui.", **fields},
        contributions=contributions if contributions is not None else closed.proposals[:1],
    )


def test_close_participation_logs_and_versions_commitments(closed):
    assert closed.process.status == Status.CLOSED
    log = Transition.objects.get(process=closed.process, action="close_participation")
    assert (log.from_status, log.to_status, log.actor) == ("open", "closed", closed.referent)
    version = CommitmentVersion.objects.get()
    assert version.number == 1
    assert version.content["what"] == "Réponse à chaque proposition"


def test_only_the_referent_closes_an_open_process(db):
    process = complete_process()
    referent, advisor = walk_to(process, Status.OPEN)
    for actor in (process.sponsor, advisor):
        with pytest.raises(PermissionDenied):
            closing.close_participation(process, actor=actor)
    process.refresh_from_db()
    assert process.status == Status.OPEN
    assert not Transition.objects.filter(action="close_participation").exists()
    assert CommitmentVersion.objects.count() == 0


def test_answer_per_proposal_and_per_theme(closed):
    one = proposal_answer(closed, decision_url="https://www.legifrance.gouv.fr/jorf/id/X")
    theme = actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={
            "level": AnswerLevel.THEME,
            "theme": closed.theme,
            "status": status("partly-retained"),
            "text": "En partie.",
            "legal_reference": "JORFTEXT000049000000",
        },
        contributions=closed.proposals,
    )
    assert one.target == "Proposition 1"
    assert theme.target == "Mobilités"
    assert list(theme.contributions.order_by("pk")) == closed.proposals
    assert one.commitment == closed.process.commitments.get()
    assert one.published_at is None and AnswerVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("code", "fields", "error_field"),
    [
        ("not-retained", {}, "reason"),
        ("under-study", {}, "new_date"),
        ("retained", {"text": ""}, "text"),
    ],
)
def test_answer_rules(closed, code, fields, error_field):
    with pytest.raises(ValidationError) as error:
        proposal_answer(closed, code=code, **fields)
    assert error_field in error.value.message_dict
    assert Answer.objects.count() == 0


def test_citizen_cannot_answer(closed):
    with pytest.raises(PermissionDenied):
        actions.save_answer(
            closed.process,
            actor=closed.citizens[0],
            fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "x"},
            contributions=closed.proposals[:1],
        )
    assert Answer.objects.count() == 0


def test_publish_notifies_each_covered_participant_once(
    closed, django_capture_on_commit_callbacks, site_url
):
    proposal_answer(closed, contributions=closed.proposals[:2])
    proposal_answer(closed, contributions=closed.proposals[1:2])
    with django_capture_on_commit_callbacks(execute=True):
        batch = actions.publish_answers(closed.process, actor=closed.sponsor)
    told = Notification.objects.filter(subject__startswith="Réponse à votre contribution")
    assert sorted(told.values_list("recipient", flat=True)) == sorted(
        c.pk for c in closed.citizens[:2]
    )
    subject = f"Concerto : Réponse à votre contribution : {closed.process.title}"
    assert len(sent(subject)) == 2
    for message, address in zip(
        sent(subject), sorted(c.email for c in closed.citizens[:2]), strict=True
    ):
        assert assert_email(message, to=address, subject=subject) == [
            f"/dispositifs/{closed.process.slug}/suites/"
        ]
    assert Delivery.objects.filter(batch=batch).count() == 2
    batch.refresh_from_db()
    assert batch.notified_at is not None and batch.job.status == "succeeded"
    assert AnswerVersion.objects.filter(reason="Publication").count() == 2


def test_citizen_cannot_publish(closed):
    proposal_answer(closed)
    with pytest.raises(PermissionDenied):
        actions.publish_answers(closed.process, actor=closed.citizens[0])
    assert Answer.objects.published().count() == 0
    assert AnswerVersion.objects.count() == 0


def test_resumed_notification_sends_exactly_once(db, monkeypatch):
    closed = closed_process(n_citizens=5)
    proposal_answer(closed, contributions=closed.proposals)
    monkeypatch.setattr("concerto.followup.actions.transaction.on_commit", lambda f: None)
    batch = actions.publish_answers(closed.process, actor=closed.sponsor)
    assert Delivery.objects.count() == 0

    from concerto.followup import tasks

    real_notify = tasks.notify
    calls = []

    def crashing_notify(users, **kwargs):
        calls.append(len(users))
        if len(calls) == 2:
            real_notify(users, **kwargs)
            raise RuntimeError("worker killed")
        return real_notify(users, **kwargs)

    monkeypatch.setattr(tasks, "notify", crashing_notify)
    with pytest.raises(RuntimeError):
        deliver_batch(batch.pk, chunk_size=2)
    # The first chunk is logged; the crashed chunk rolled back with its notifications.
    assert Delivery.objects.count() == 2
    assert Notification.objects.filter(subject__startswith="Réponse à votre").count() == 2
    monkeypatch.setattr(tasks, "notify", real_notify)
    assert deliver_batch(batch.pk, chunk_size=2) == 3
    assert deliver_batch(batch.pk, chunk_size=2) == 0
    told = Notification.objects.filter(subject__startswith="Réponse à votre")
    assert sorted(told.values_list("recipient", flat=True)) == sorted(c.pk for c in closed.citizens)


def test_edit_of_published_answer_needs_reason_and_is_chained(closed):
    answer = proposal_answer(closed)
    actions.publish_answers(closed.process, actor=closed.sponsor)
    fields = {"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui, en 2027."}
    with pytest.raises(ValidationError):
        actions.save_answer(
            closed.process, actor=closed.sponsor, answer=answer, fields=fields,
            contributions=closed.proposals[:1],
        )  # fmt: skip
    answer.refresh_from_db()
    assert answer.text == "Oui."
    actions.save_answer(
        closed.process, actor=closed.sponsor, answer=answer, fields=fields,
        contributions=closed.proposals[:1], edit_reason="Calendrier précisé",
    )  # fmt: skip
    first, second = AnswerVersion.objects.filter(answer=answer).order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.previous_hash == first.hash
    assert second.content["text"] == "Oui, en 2027." and second.reason == "Calendrier précisé"


def test_chain_verification_detects_tampering(closed):
    proposal_answer(closed)
    proposal_answer(closed, contributions=closed.proposals[1:2])
    actions.publish_answers(closed.process, actor=closed.sponsor)
    call_command("verify_followup_chain")
    first = AnswerVersion.objects.order_by("pk").first()
    tampered = dict(first.content, text="Non.")
    AnswerVersion.objects.filter(pk=first.pk).update(content=tampered)
    with pytest.raises(CommandError) as error:
        call_command("verify_followup_chain")
    assert str(error.value) == (
        f"Chaîne rompue : la version 1 de la réponse n°{first.answer_id} (dispositif "
        f"« Concertation sur le plan vélo », empreinte {first.hash[:12]}) a été modifiée "
        "après sa publication."
    )


def test_commitment_date_change_needs_public_reason(closed):
    commitment = closed.process.commitments.get()
    before = commitment.due_date
    with pytest.raises(ValidationError):
        actions.change_commitment_date(
            commitment, actor=closed.sponsor, due_date=before + timedelta(days=30), reason=" "
        )
    commitment.refresh_from_db()
    assert commitment.due_date == before
    actions.change_commitment_date(
        commitment, actor=closed.sponsor, due_date=before + timedelta(days=30), reason="Retard"
    )
    versions = list(CommitmentVersion.objects.order_by("number"))
    assert [v.reason for v in versions] == [
        "Engagements à la clôture de la participation",
        "Retard",
    ]
    assert versions[1].content["due_date"] == (before + timedelta(days=30)).isoformat()


def test_milestones_roll_up(closed):
    answer = proposal_answer(closed)
    parent = actions.add_milestone(
        answer, actor=closed.sponsor, title="Plan", due_date=timezone.localdate(), weight=1
    )
    actions.add_milestone(
        answer, actor=closed.sponsor, title="A", due_date=timezone.localdate(), parent=parent,
        weight=3, progress=100,
    )  # fmt: skip
    child = actions.add_milestone(
        answer, actor=closed.sponsor, title="B", due_date=timezone.localdate(), parent=parent,
        weight=1,
    )  # fmt: skip
    actions.update_milestone(child, actor=closed.sponsor, progress=50, done=False)
    actions.add_milestone(
        answer, actor=closed.sponsor, title="Budget", due_date=timezone.localdate(), weight=1
    )
    # Plan = (3*100 + 1*50) / 4 = 87.5 -> 88 ; answer = (88 + 0) / 2 = 44
    assert answer.progress() == 44


def test_not_retained_answer_has_no_milestones(closed):
    answer = proposal_answer(closed, code="not-retained", reason="Trop coûteux")
    with pytest.raises(ValidationError):
        actions.add_milestone(
            answer, actor=closed.sponsor, title="X", due_date=timezone.localdate()
        )
    assert answer.milestones.count() == 0


def test_one_rating_per_person(closed):
    answer = proposal_answer(closed)
    with pytest.raises(PermissionDenied):
        actions.rate_answer(answer, user=closed.citizens[0], value="yes")
    actions.publish_answers(closed.process, actor=closed.sponsor)
    actions.rate_answer(answer, user=closed.citizens[0], value="yes")
    actions.rate_answer(answer, user=closed.citizens[0], value="partly", comment="Flou")
    assert list(Rating.objects.values_list("value", "comment")) == [("partly", "Flou")]


def test_lateness_and_figures(db):
    today = timezone.localdate()
    late = closed_process(title="Dispositif en retard")
    on_time = closed_process(title="Dispositif à l'heure")
    commitment = late.process.commitments.get()
    commitment.due_date = today - timedelta(days=1)
    commitment.save()
    assert list(late_commitments()) == [commitment]
    proposal_answer(on_time, contributions=on_time.proposals[:2])
    actions.publish_answers(on_time.process, actor=on_time.sponsor)
    rows = {row.ministry.pk: row for row in ministry_figures()}
    late_row, on_time_row = rows[late.process.ministry_id], rows[on_time.process.ministry_id]
    assert (late_row.closed, late_row.due, late_row.on_time, late_row.late,
            late_row.not_delivered, late_row.follow_up_rate) == (1, 1, 0, 0, 1, 0.0)  # fmt: skip
    assert (on_time_row.closed, on_time_row.due, on_time_row.on_time, on_time_row.not_delivered,
            on_time_row.contributions, on_time_row.covered) == (1, 1, 1, 0, 3, 2)  # fmt: skip
    assert on_time_row.follow_up_rate == 66.7


def test_publish_follow_up_needs_a_published_answer(closed):
    with pytest.raises(ValidationError):
        closing.publish_follow_up(closed.process, actor=closed.sponsor)
    closed.process.refresh_from_db()
    assert closed.process.status == Status.CLOSED
    proposal_answer(closed)
    actions.publish_answers(closed.process, actor=closed.sponsor)
    other = user_with_role(Role.CITIZEN)
    with pytest.raises(PermissionDenied):
        closing.publish_follow_up(closed.process, actor=other)
    closing.publish_follow_up(closed.process, actor=closed.sponsor)
    closed.process.refresh_from_db()
    assert closed.process.status == Status.FOLLOW_UP_PUBLISHED

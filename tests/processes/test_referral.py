from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from freezegun import freeze_time

from concerto.accounts.roles import Role
from concerto.editing import EditConflict
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import CriterionReview, Opinion
from concerto.testing.emails import assert_email
from tests.factories import complete_process, user_with_role, walk_to

pytestmark = pytest.mark.django_db


@freeze_time("2026-12-18 10:00:00")
@override_settings(CIPC_REVIEW_WORKING_DAYS=5)
def test_the_opinion_is_due_after_the_configured_working_days():
    process = complete_process()
    walk_to(process, Status.SUBMITTED)
    # 21-24 Dec, then Christmas, then 28 Dec.
    assert process.referral.due_date == date(2026, 12, 28)


def test_a_referral_past_its_due_date_is_overdue_until_the_opinion():
    process = complete_process()
    walk_to(process, Status.UNDER_REVIEW)
    referral = process.referral
    referral.due_date = date(2020, 1, 1)
    assert referral.is_overdue


def test_submission_notifies_every_cipc_advisor_by_email(
    django_capture_on_commit_callbacks, site_url
):
    process = complete_process()
    advisor = user_with_role(Role.CIPC_ADVISOR, email="cipc@exemple.gouv.fr")
    referent = user_with_role(Role.REFERENT, organisation=process.ministry)
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit_referral(process, actor=referent)
    # The advisors, and the agent who wrote the declaration (the referent sent it).
    to_cipc, to_lead = mail.outbox
    assert assert_email(
        to_cipc, to="cipc@exemple.gouv.fr",
        subject="Concerto : Nouvelle saisine : Concertation sur le plan vélo",
    ) == [f"/cipc/saisines/{process.referral.pk}/"]  # fmt: skip
    assert assert_email(
        to_lead, to=process.project_lead.email,
        subject="Concerto : Saisine transmise au CIPC : Concertation sur le plan vélo",
    ) == [process.get_workspace_url()]  # fmt: skip
    assert advisor.notifications.get().subject == "Nouvelle saisine : Concertation sur le plan vélo"


def test_an_edit_during_review_makes_a_new_version_with_its_differences(client):
    process = complete_process()
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    actions.update_process(
        process, actor=process.project_lead, expected_revision=process.revision,
        fields={"negotiable": "Les priorités et le calendrier."},
    )  # fmt: skip
    client.force_login(advisor)
    response = client.get(f"/cipc/saisines/{process.referral.pk}/")
    assert [c.label for c in response.context["unsent_changes"]] == [
        "Ce qui est ouvert au changement"
    ]
    assert response.context["version"].number == 1
    actions.submit_referral(process, actor=referent)
    response = client.get(f"/cipc/saisines/{process.referral.pk}/")
    assert response.context["version"].number == 2
    assert [(c.before, c.after) for c in response.context["changes"]] == [
        ("Les priorités d'investissement.", "Les priorités et le calendrier.")
    ]
    assert response.context["unsent_changes"] == []
    process.refresh_from_db()
    assert process.status == Status.UNDER_REVIEW


def test_two_advisors_appraising_one_criterion_at_once_lose_nothing():
    process = complete_process()
    _, advisor = walk_to(process, Status.UNDER_REVIEW)
    colleague = user_with_role(
        Role.CIPC_ADVISOR, organisation=advisor.memberships.first().organisation
    )
    first = actions.review_criterion(
        process, actor=advisor, criterion="budget-stated", score="met", comment="",
        expected_revision=None,
    )  # fmt: skip
    with pytest.raises(EditConflict):
        actions.review_criterion(
            process, actor=colleague, criterion="budget-stated", score="not_met", comment="Non",
            expected_revision=None,
        )  # fmt: skip
    actions.review_criterion(
        process, actor=colleague, criterion="budget-stated", score="to_improve", comment="Préciser",
        expected_revision=first.revision,
    )  # fmt: skip
    with pytest.raises(EditConflict):
        actions.review_criterion(
            process, actor=advisor, criterion="budget-stated", score="met", comment="",
            expected_revision=first.revision,
        )  # fmt: skip
    review = CriterionReview.objects.get()
    assert (review.score, review.comment, review.reviewer, review.revision) == (
        "to_improve", "Préciser", colleague, 2,
    )  # fmt: skip


def test_an_opinion_cannot_be_issued_twice():
    process = complete_process()
    _, advisor = walk_to(process, Status.OPINION_ISSUED)
    with pytest.raises(ValidationError) as error:
        actions.issue_opinion(
            process, actor=advisor, verdict="favourable", reasoning="Encore", recommendations=[]
        )
    assert "Un avis a déjà été rendu sur cette saisine" in error.value.messages[0]
    assert Opinion.objects.count() == 1


def test_publishing_waits_for_every_answer():
    process = complete_process()
    referent, _ = walk_to(process, Status.OPINION_ISSUED)
    with pytest.raises(ValidationError) as error:
        actions.publish_process(process, actor=referent)
    assert error.value.messages == [
        "Le commanditaire doit d'abord répondre aux recommandations R1."
    ]
    process.refresh_from_db()
    assert process.status == Status.OPINION_ISSUED and process.published_at is None


def test_a_ministry_answer_to_a_cipc_question_notifies_the_advisor():
    process = complete_process()
    _, advisor = walk_to(process, Status.UNDER_REVIEW)
    question = actions.ask_question(process, actor=advisor, body="Quel budget de communication ?")
    actions.ask_question(process, actor=process.project_lead, body="20 000 €.", parent=question)
    assert list(
        advisor.notifications.filter(subject__startswith="Réponse").values_list("subject", "body")
    ) == [("Réponse du ministère sur « Concertation sur le plan vélo »", "20 000 €.")]
    assert (
        process.project_lead.notifications.get(subject__startswith="Question du CIPC").body
        == "Quel budget de communication ?"
    )

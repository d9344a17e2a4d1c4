"""The e-mails of the process's steps that someone waits for (issue 22): who gets
them, their subject, and their link on the public address (SITE_URL)."""

import pytest
from django.core import mail

from concerto.accounts.roles import Role
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion
from concerto.testing.emails import assert_email, sent
from tests.factories import complete_process, user_with_role, walk_to

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """Run the notifications' e-mail tasks once the block's transactions commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_agent_learns_that_the_referent_sent_the_referral(sending):
    process = complete_process(title="Plan vélo")
    referent = user_with_role(Role.REFERENT, process.ministry)
    with sending():
        walk_to(process, Status.SUBMITTED, referent=referent)
    [message] = sent("Concerto : Saisine transmise au CIPC : Plan vélo")
    assert assert_email(
        message,
        to=process.project_lead.email,
        subject="Concerto : Saisine transmise au CIPC : Plan vélo",
    ) == [process.get_workspace_url()]


def test_a_new_version_goes_to_the_advisor_who_reviews_it(sending):
    process = complete_process(title="Plan vélo")
    user_with_role(Role.CIPC_ADVISOR)  # another advisor: not told
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    actions.update_process(
        process, actor=process.project_lead, expected_revision=process.revision,
        fields={"negotiable": "Les priorités et le calendrier."},
    )  # fmt: skip
    mail.outbox.clear()
    with sending():
        actions.submit_referral(process, actor=referent)
    [message] = mail.outbox
    assert assert_email(
        message, to=advisor.email, subject="Concerto : Saisine mise à jour : Plan vélo"
    ) == [f"/cipc/saisines/{process.referral.pk}/"]


def test_the_advisor_given_a_referral_is_told_unless_they_took_it(sending):
    process = complete_process(title="Plan vélo")
    referent, advisor = walk_to(process, Status.SUBMITTED)
    head = user_with_role(Role.CIPC_ADVISOR)
    mail.outbox.clear()
    with sending():
        actions.assign_advisor(process, actor=head, advisor=advisor)
    [message] = mail.outbox
    assert assert_email(
        message, to=advisor.email, subject="Concerto : Saisine à examiner : Plan vélo"
    ) == [f"/cipc/saisines/{process.referral.pk}/"]
    mail.outbox.clear()
    with sending():
        actions.assign_advisor(process, actor=head, advisor=head)
    assert mail.outbox == []


def test_a_cipc_question_goes_to_the_ministry_and_its_answer_to_the_advisor(sending):
    process = complete_process(title="Plan vélo")
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    mail.outbox.clear()
    with sending():
        question = actions.ask_question(process, actor=advisor, body="Quel budget ?")
    # The project lead is also the sponsor: one e-mail.
    team = sorted([process.project_lead.email, referent.email])
    subject = "Concerto : Question du CIPC sur « Plan vélo »"
    assert len(mail.outbox) == 2
    for message, address in zip(sent(), team, strict=True):
        assert assert_email(message, to=address, subject=subject) == [process.get_workspace_url()]
    mail.outbox.clear()
    with sending():
        actions.ask_question(process, actor=referent, body="150 k€.", parent=question)
    [message] = mail.outbox
    assert assert_email(
        message, to=advisor.email, subject="Concerto : Réponse du ministère sur « Plan vélo »"
    ) == [f"/cipc/saisines/{process.referral.pk}/"]


def test_the_ministry_team_is_told_of_the_cipc_opinion(sending):
    sponsor = user_with_role(Role.AGENT, email="commanditaire@exemple.gouv.fr")
    process = complete_process(title="Plan vélo", sponsor=sponsor)
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    mail.outbox.clear()
    with sending():
        actions.issue_opinion(
            process, actor=advisor, verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
            reasoning="Bien.", recommendations=["Allonger."],
        )  # fmt: skip
    waiting = sorted([sponsor.email, process.project_lead.email, referent.email])
    assert len(mail.outbox) == 3
    for message, address in zip(sent(), waiting, strict=True):
        assert assert_email(
            message, to=address, subject="Concerto : Avis du CIPC sur « Plan vélo »"
        ) == [process.get_workspace_url()]


def test_the_referent_is_told_once_when_every_recommendation_is_answered(sending):
    process = complete_process(title="Plan vélo")
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    actions.issue_opinion(
        process, actor=advisor, verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Bien.", recommendations=["Allonger.", "Publier les sources."],
    )  # fmt: skip
    process.refresh_from_db()
    first, second = process.referral.opinion.recommendations.order_by("number")
    subject = "Concerto : Réponses du commanditaire aux recommandations : Plan vélo"
    mail.outbox.clear()
    with sending():
        actions.answer_recommendation(first, actor=process.sponsor, answer="accepted", reason="")
    assert mail.outbox == []
    with sending():
        actions.answer_recommendation(second, actor=process.sponsor, answer="declined",
                                      reason="Non.")  # fmt: skip
        # Answered again: no second e-mail.
        actions.answer_recommendation(second, actor=process.sponsor, answer="partly", reason="Si.")
    assert len(mail.outbox) == 2
    for message, address in zip(sent(), sorted([referent.email, advisor.email]), strict=True):
        assert assert_email(message, to=address, subject=subject) == [process.get_workspace_url()]


def test_the_team_learns_that_the_process_is_published_then_open(sending):
    process = complete_process(title="Plan vélo")
    referent, advisor = walk_to(process, Status.OPINION_ISSUED)
    for recommendation in process.referral.opinion.recommendations.all():
        actions.answer_recommendation(
            recommendation, actor=process.sponsor, answer="accepted", reason=""
        )
    # The project lead, the sponsor (the same person in this process) and the advisor;
    # the referent published and opened it: told of neither.
    waiting = sorted([process.project_lead.email, advisor.email])
    for step, subject in [
        (actions.publish_process, "Concerto : Dispositif publié : Plan vélo"),
        (actions.open_participation, "Concerto : Participation ouverte : Plan vélo"),
    ]:
        mail.outbox.clear()
        with sending():
            step(process, actor=referent)
        process.refresh_from_db()
        assert len(mail.outbox) == 2
        for message, address in zip(sent(), waiting, strict=True):
            assert assert_email(message, to=address, subject=subject) == [
                process.get_absolute_url()
            ]

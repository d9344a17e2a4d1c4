"""The e-mails of the process's steps that someone waits for (issue 22): who gets
them, their subject, and their link on the public address (SITE_URL)."""

import re

import pytest
from django.conf import settings
from django.core import mail

from concerto.accounts.roles import Role
from concerto.processes import actions
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion
from tests.factories import complete_process, user_with_role, walk_to

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+")


def _sent(subject: str) -> list[tuple[str, str]]:
    """(recipient, link) of each e-mail with this subject; each link on SITE_URL."""
    found = []
    for message in mail.outbox:
        if message.subject == f"Concerto : {subject}":
            links = [link for link in LINK.findall(message.body) if "desabonnement" not in link]
            assert links and all(link.startswith(settings.SITE_URL + "/") for link in links)
            found.append((message.to[0], links[0].removeprefix(settings.SITE_URL)))
    return sorted(found)


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """Run the notifications' e-mail tasks once the block's transactions commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_agent_learns_that_the_referent_sent_the_referral(sending):
    process = complete_process(title="Plan vélo")
    referent = user_with_role(Role.REFERENT, process.ministry)
    with sending():
        walk_to(process, Status.SUBMITTED, referent=referent)
    lead = process.project_lead
    assert _sent("Saisine transmise au CIPC : Plan vélo") == [
        (lead.email, process.get_workspace_url())
    ]


def test_the_referent_is_told_once_when_every_recommendation_is_answered(sending):
    process = complete_process(title="Plan vélo")
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    actions.issue_opinion(
        process, actor=advisor, verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
        reasoning="Bien.", recommendations=["Allonger.", "Publier les sources."],
    )  # fmt: skip
    process.refresh_from_db()
    first, second = process.referral.opinion.recommendations.order_by("number")
    subject = "Réponses du commanditaire aux recommandations : Plan vélo"
    with sending():
        actions.answer_recommendation(first, actor=process.sponsor, answer="accepted", reason="")
    assert _sent(subject) == []
    with sending():
        actions.answer_recommendation(second, actor=process.sponsor, answer="declined",
                                      reason="Non.")  # fmt: skip
        # Answered again: no second e-mail.
        actions.answer_recommendation(second, actor=process.sponsor, answer="partly", reason="Si.")
    url = process.get_workspace_url()
    assert _sent(subject) == sorted([(referent.email, url), (advisor.email, url)])


def test_the_team_learns_that_the_process_is_published_then_open(sending):
    process = complete_process(title="Plan vélo")
    with sending():
        referent, advisor = walk_to(process, Status.OPEN)
    # The project lead, the sponsor (the same person in this process) and the advisor.
    waiting = sorted(
        {(user.email, process.get_absolute_url())
         for user in (process.project_lead, process.sponsor, advisor)}
    )  # fmt: skip
    # The referent published and opened it: told of neither.
    assert _sent("Dispositif publié : Plan vélo") == waiting
    assert _sent("Participation ouverte : Plan vélo") == waiting
    assert referent.email not in {
        message.to[0]
        for message in mail.outbox
        if "Plan vélo" in message.subject and "publié" in message.subject
    }

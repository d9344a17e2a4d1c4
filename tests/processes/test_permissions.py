"""Each role can do exactly its actions on a process, and nothing else."""

import pytest

from concerto.accounts.roles import Role
from concerto.processes.lifecycle import Status
from concerto.processes.models import Opinion, Process
from tests.factories import (
    DirectorateFactory,
    MinistryFactory,
    UserFactory,
    complete_process,
    user_with_role,
    walk_to,
)

pytestmark = pytest.mark.django_db

ALL = {
    "view", "view_workspace", "edit", "mark_ready_for_referent", "return_to_agent",
    "submit_referral", "resubmit_referral", "assign_advisor",
    "review", "ask_question", "answer_question", "issue_opinion", "answer_recommendations",
    "publish", "open_participation", "manage_participation", "moderate", "duplicate", "delete",
    "archive",
}  # fmt: skip
WORKSPACE = {"view", "view_workspace"}
MINISTRY = WORKSPACE | {"manage_participation", "moderate", "duplicate"}
CIPC = WORKSPACE | {"moderate"}

EXPECTED = {
    Status.DRAFT: {
        "agent": MINISTRY | {"edit", "mark_ready_for_referent", "delete"},
        "sponsor": MINISTRY | {"edit", "mark_ready_for_referent", "delete"},
        "referent": MINISTRY | {"edit", "submit_referral", "delete"},
        "advisor": CIPC,
        "other_advisor": CIPC,
        "administrator": {"view"},
    },
    Status.READY_FOR_REFERENT: {
        "agent": MINISTRY | {"edit"},
        "sponsor": MINISTRY | {"edit"},
        "referent": MINISTRY | {"edit", "submit_referral", "return_to_agent"},
        "advisor": CIPC,
        "other_advisor": CIPC,
        "administrator": {"view"},
    },
    Status.UNDER_REVIEW: {
        "agent": MINISTRY | {"edit", "answer_question"},
        "sponsor": MINISTRY | {"edit", "answer_question"},
        "referent": MINISTRY | {"edit", "resubmit_referral", "answer_question"},
        "advisor": CIPC | {"assign_advisor", "review", "ask_question", "issue_opinion"},
        "other_advisor": CIPC | {"assign_advisor", "review", "ask_question"},
        "administrator": {"view"},
    },
    Status.OPINION_ISSUED: {
        "agent": MINISTRY | {"edit"},
        "sponsor": MINISTRY | {"edit", "answer_recommendations"},
        "referent": MINISTRY | {"edit", "publish"},
        "advisor": CIPC,
        "other_advisor": CIPC,
        "administrator": {"view"},
    },
    Status.PUBLISHED: {
        "agent": MINISTRY,
        "sponsor": MINISTRY,
        "referent": MINISTRY | {"open_participation"},
        "advisor": CIPC,
        "other_advisor": CIPC,
        "administrator": {"view"},
    },
}
OUTSIDERS = ["other_agent", "other_referent", "expert", "provider", "citizen", "anonymous"]


def cast(status):
    ministry = MinistryFactory()
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    sponsor = user_with_role(Role.AGENT, organisation=ministry.children.first() or ministry)
    process = complete_process(ministry=ministry, agent=agent, sponsor=sponsor)
    referent, advisor = walk_to(process, status) if status != Status.DRAFT else (
        user_with_role(Role.REFERENT, organisation=ministry), user_with_role(Role.CIPC_ADVISOR)
    )  # fmt: skip
    other_ministry = MinistryFactory()
    people = {
        "agent": agent,
        "sponsor": sponsor,
        "referent": referent,
        "advisor": advisor,
        "other_advisor": user_with_role(
            Role.CIPC_ADVISOR, organisation=advisor.memberships.first().organisation
        ),
        "administrator": user_with_role(Role.ADMINISTRATOR),
        "other_agent": user_with_role(
            Role.AGENT, organisation=DirectorateFactory(parent=other_ministry)
        ),
        "other_referent": user_with_role(Role.REFERENT, organisation=other_ministry),
        "expert": user_with_role(Role.EXPERT),
        "provider": user_with_role(Role.PROVIDER),
        "citizen": UserFactory(),
        "anonymous": None,
    }  # fmt: skip
    return Process.objects.get(pk=process.pk), people


@pytest.mark.parametrize("status", list(EXPECTED))
def test_each_role_has_exactly_its_abilities(status):
    from django.contrib.auth.models import AnonymousUser

    process, people = cast(status)
    public = process.is_public
    for name, user in people.items():
        expected = EXPECTED[status].get(name, {"view"} if public else set())
        abilities = process.get_abilities(user or AnonymousUser())
        assert {key for key, allowed in abilities.items() if allowed} == expected, name
        assert set(abilities) == ALL


def test_an_agent_of_another_ministry_cannot_see_or_submit(client):
    process, people = cast(Status.DRAFT)
    client.force_login(people["other_agent"])
    assert client.get(f"/espace/dispositifs/{process.pk}/").status_code == 404
    assert client.post(f"/espace/dispositifs/{process.pk}/saisine/").status_code == 404
    process.refresh_from_db()
    assert process.status == Status.DRAFT and process.versions.count() == 0


def test_an_agent_cannot_submit_in_place_of_the_referent(client):
    process, people = cast(Status.DRAFT)
    client.force_login(people["agent"])
    assert client.post(f"/espace/dispositifs/{process.pk}/saisine/").status_code == 403
    process.refresh_from_db()
    assert process.status == Status.DRAFT and not hasattr(process, "referral")


def test_only_the_assigned_advisor_issues_the_opinion(client):
    process, people = cast(Status.UNDER_REVIEW)
    data = {"verdict": "favourable", "reasoning": "Très bien."}
    for name in ("other_advisor", "referent", "administrator", "citizen"):
        client.force_login(people[name])
        response = client.post(f"/cipc/saisines/{process.referral.pk}/avis/", data)
        assert response.status_code in (403, 404), name
    assert Opinion.objects.count() == 0
    client.force_login(people["advisor"])
    assert client.post(f"/cipc/saisines/{process.referral.pk}/avis/", data).status_code == 302
    assert Opinion.objects.get().verdict == "favourable"


def test_only_the_sponsor_answers_recommendations(client):
    process, people = cast(Status.OPINION_ISSUED)
    data = {"r1-answer": "accepted", "r1-answer_reason": ""}
    url = f"/espace/dispositifs/{process.pk}/recommandations/1/"
    for name in ("agent", "referent", "advisor"):
        client.force_login(people[name])
        assert client.post(url, data).status_code == 403, name
    recommendation = process.referral.opinion.recommendations.get()
    assert recommendation.answer == ""
    client.force_login(people["sponsor"])
    assert client.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.answer == "accepted" and recommendation.answered_by == people["sponsor"]


def test_the_cipc_queue_and_registry_are_closed_to_ministries(client):
    process, people = cast(Status.SUBMITTED)
    client.force_login(people["referent"])
    assert client.get("/cipc/saisines/").status_code == 403
    assert client.get(f"/cipc/saisines/{process.referral.pk}/").status_code == 403

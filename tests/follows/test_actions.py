"""Following and unfollowing, and contributing that follows by default (issue 25)."""

import uuid

import pytest
from django.http import Http404

from concerto.accounts.roles import Role
from concerto.follows import actions
from concerto.follows.models import STATE_WIDE, Follow, Frequency, Preferences, TargetKind
from concerto.processes.lifecycle import Status
from concerto.proposals import actions as proposals
from tests.factories import complete_process, open_module, user_with_role

pytestmark = pytest.mark.django_db


def follows_of(user) -> set[tuple[str, int]]:
    return set(Follow.objects.filter(user=user).values_list("target_kind", "target_id"))


def test_following_twice_is_one_follow(world):
    first, created = actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    again, created_again = actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert follows_of(world.follower) == {("process", world.process.pk)}


def test_every_kind_of_target_can_be_followed(world):
    proposal = world.closed.proposals[0]
    for kind, target_id in [
        (TargetKind.PROCESS, world.process.pk),
        (TargetKind.PROPOSAL, proposal.pk),
        (TargetKind.THEME, world.theme.pk),
        (TargetKind.MINISTRY, world.process.ministry_id),
        (TargetKind.FOLLOWUP, STATE_WIDE),
    ]:
        actions.follow(world.follower, kind, target_id)
    assert follows_of(world.follower) == {
        ("process", world.process.pk),
        ("proposal", proposal.pk),
        ("theme", world.theme.pk),
        ("ministry", world.process.ministry_id),
        ("followup", 0),
    }


def test_what_one_may_not_see_cannot_be_followed(world):
    draft = complete_process(title="Un brouillon")
    refused = [
        (TargetKind.PROCESS, draft.pk),  # not published
        # A directorate is not a ministry.
        (TargetKind.MINISTRY, draft.project_lead.memberships.get().organisation_id),
        (TargetKind.FOLLOWUP, 1),
        (TargetKind.THEME, 999_999),
        ("nonsense", 1),
    ]
    for kind, target_id in refused:
        with pytest.raises(Http404):
            actions.follow(world.follower, kind, target_id)
    assert follows_of(world.follower) == set()


def test_unfollowing_twice_removes_one(world):
    actions.follow(world.follower, TargetKind.THEME, world.theme.pk)
    assert actions.unfollow(world.follower, TargetKind.THEME, world.theme.pk) is True
    assert actions.unfollow(world.follower, TargetKind.THEME, world.theme.pk) is False
    assert follows_of(world.follower) == set()


def open_proposals():
    process = complete_process()
    from tests.factories import walk_to

    walk_to(process, Status.OPEN)
    module, organiser = open_module("proposals", process=process)
    return process, module


def test_submitting_and_supporting_follow_the_process_and_the_proposal(db):
    process, module = open_proposals()
    author = user_with_role(Role.CITIZEN)
    supporter = user_with_role(Role.CITIZEN)
    proposal, _ = proposals.submit_proposal(
        module, author=author, title="Des arceaux", body="Devant les gares.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    proposals.support_proposal(proposal, user=supporter)
    expected = {("process", process.pk), ("proposal", proposal.pk)}
    assert follows_of(author) == expected
    assert follows_of(supporter) == expected


def test_a_person_who_said_no_is_not_followed_on_contributing(db):
    process, module = open_proposals()
    author = user_with_role(Role.CITIZEN)
    actions.set_preferences(author, auto_follow=False, frequencies={})
    proposal, _ = proposals.submit_proposal(
        module, author=author, title="Des arceaux", body="Devant les gares.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    proposals.support_proposal(proposal, user=author)
    assert follows_of(author) == set()
    # What they followed by hand stays.
    actions.follow(author, TargetKind.PROCESS, process.pk)
    assert follows_of(author) == {("process", process.pk)}


def test_saying_no_after_contributing_holds_for_the_next_contribution(db):
    """Whether one follows what one contributes to is kept in the cache: saying no is
    heard at once, and saying yes again too."""
    process, module = open_proposals()
    author = user_with_role(Role.CITIZEN)

    def propose(title: str):
        return proposals.submit_proposal(
            module, author=author, title=title, body="Devant les gares.",
            idempotency_key=uuid.uuid4(),
        )[0]  # fmt: skip

    first = propose("Des arceaux")
    assert follows_of(author) == {("process", process.pk), ("proposal", first.pk)}
    actions.set_preferences(author, auto_follow=False, frequencies={})
    propose("Des abris")
    assert follows_of(author) == {("process", process.pk), ("proposal", first.pk)}
    actions.set_preferences(author, auto_follow=True, frequencies={})
    third = propose("Des bornes")
    assert ("proposal", third.pk) in follows_of(author)


def test_unfollowing_what_one_contributed_to_sticks(db):
    process, module = open_proposals()
    author = user_with_role(Role.CITIZEN)
    proposals.submit_proposal(
        module, author=author, title="Des arceaux", body="Devant les gares.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    actions.unfollow(author, TargetKind.PROCESS, process.pk)
    assert ("process", process.pk) not in follows_of(author)


def test_preferences_default_to_weekly_and_save_all_at_once(world):
    assert actions.preferences_of(world.follower).frequencies() == {
        "answer": "weekly", "proposal": "weekly", "module": "weekly", "process": "weekly",
        "late": "weekly",
    }  # fmt: skip
    actions.set_preferences(
        world.follower, auto_follow=False,
        frequencies={"answer": Frequency.IMMEDIATE, "late": Frequency.NEVER},
    )  # fmt: skip
    saved = Preferences.objects.get(user=world.follower)
    assert (saved.auto_follow, saved.frequencies()) == (
        False,
        {"answer": "immediate", "proposal": "weekly", "module": "weekly", "process": "weekly",
         "late": "never"},
    )  # fmt: skip
    with pytest.raises(ValueError):
        actions.set_preferences(world.follower, auto_follow=True, frequencies={"answer": "hourly"})
    saved.refresh_from_db()
    assert (saved.auto_follow, saved.answer) == (False, "immediate")


def test_stopping_digests_keeps_immediate_emails(world):
    actions.set_preferences(
        world.follower, auto_follow=True,
        frequencies={"answer": Frequency.IMMEDIATE, "proposal": Frequency.DAILY},
    )  # fmt: skip
    actions.stop_digests(world.follower)
    assert Preferences.objects.get(user=world.follower).frequencies() == {
        "answer": "immediate", "proposal": "never", "module": "never", "process": "never",
        "late": "never",
    }  # fmt: skip

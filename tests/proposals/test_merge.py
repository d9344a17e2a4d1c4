"""Moderators merge proposals carrying the same idea."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.accounts.roles import Role
from concerto.notifications.models import Notification
from concerto.participation.actions import hide_contribution
from concerto.participation.models import Contribution, HiddenReason
from concerto.proposals import actions
from concerto.proposals.links import proposal_url
from concerto.proposals.models import MergeEvent, Support, UsefulVote
from concerto.testing.emails import assert_email, sent
from tests.factories import UserFactory, open_module, user_with_role
from tests.proposals.conftest import make_argument, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(module):
    source_author = UserFactory(first_name="Alix", last_name="Source")
    target_author = UserFactory(first_name="Bao", last_name="Cible")
    source = make_proposal(module, author=source_author, title="Des pistes pour vélos")
    target = make_proposal(module, author=target_author, title="Des pistes cyclables")
    return source, target


def state(*proposals) -> dict:
    """Everything a merge could change, to check that a refused one changed nothing."""
    return {
        "proposals": list(
            Contribution.objects.order_by("pk").values_list("pk", "merged_into", "parent", "status")
        ),
        "supports": sorted(Support.objects.values_list("proposal", "user")),
        "events": MergeEvent.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_supports_move_to_the_target_and_a_person_counts_once(module, organiser, pair):
    source, target = pair
    both, only_source, only_target = UserFactory(), UserFactory(), UserFactory()
    for user in (both, only_source):
        actions.support_proposal(source, user=user)
    for user in (both, only_target):
        actions.support_proposal(target, user=user)

    event = actions.merge_proposals(source, target, actor=organiser, note="Même idée.")

    source.refresh_from_db()
    assert source.merged_into_id == target.pk
    assert source.status == Contribution.Status.PUBLISHED
    assert not Support.objects.filter(proposal=source).exists()
    assert sorted(Support.objects.filter(proposal=target).values_list("user", flat=True)) == sorted(
        [both.pk, only_source.pk, only_target.pk]
    )
    assert (event.source_id, event.target_id, event.actor_id) == (
        source.pk,
        target.pk,
        organiser.pk,
    )
    assert (event.supports_moved, event.supports_already_there, event.note) == (1, 1, "Même idée.")


def test_both_authors_are_told_with_a_link(
    module, organiser, pair, django_capture_on_commit_callbacks, site_url
):
    source, target = pair
    before = Notification.objects.count()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.merge_proposals(source, target, actor=organiser, note="Même idée.")
    notifications = Notification.objects.order_by("pk")[before:]
    assert sorted(n.recipient_id for n in notifications) == sorted(
        [source.author_id, target.author_id]
    )
    url = proposal_url(target)
    for notification in notifications:
        assert notification.subject == "Une proposition a été fusionnée"
        assert notification.url == url
        assert notification.body == (
            "La proposition « Des pistes pour vélos » a été fusionnée avec la proposition "
            "« Des pistes cyclables » par la modération, car elles portent la même idée. Les "
            "soutiens, commentaires et arguments sont désormais regroupés sur « Des pistes "
            "cyclables ». Précision de la modération : Même idée."
        )
    authors = sorted([source.author.email, target.author.email])
    assert len(mail.outbox) == 2
    for message, address in zip(sent(), authors, strict=True):
        assert assert_email(
            message, to=address, subject="Concerto : Une proposition a été fusionnée"
        ) == [f"/dispositifs/{module.process.slug}/propositions/{module.pk}/{target.pk}/"]


def test_one_author_of_both_is_told_once(module, organiser):
    author = UserFactory()
    source = make_proposal(module, author=author, title="A")
    target = make_proposal(module, author=author, title="B")
    before = Notification.objects.filter(recipient=author).count()
    actions.merge_proposals(source, target, actor=organiser)
    assert Notification.objects.filter(recipient=author).count() == before + 1


def test_the_debate_follows_and_earlier_merges_point_at_the_target(module, organiser, pair):
    source, target = pair
    older = make_proposal(module, title="Encore des pistes")
    actions.merge_proposals(older, source, actor=organiser)
    argument = make_argument(source, stance="against", body="Trop cher.")
    actions.vote_useful(argument, user=UserFactory())
    comment, _ = actions.comment_proposal(
        source, author=UserFactory(), body="Bonne idée.", idempotency_key=None
    )

    event = actions.merge_proposals(source, target, actor=organiser)

    argument.refresh_from_db(), comment.refresh_from_db(), older.refresh_from_db()
    assert (argument.parent_id, comment.parent_id, older.merged_into_id) == (
        target.pk, target.pk, target.pk,
    )  # fmt: skip
    assert UsefulVote.objects.filter(argument=argument).count() == 1
    assert event.discussion_moved == 2


def test_a_cipc_advisor_may_merge_too(module, pair):
    source, target = pair
    advisor = user_with_role(Role.CIPC_ADVISOR)
    actions.merge_proposals(source, target, actor=advisor)
    source.refresh_from_db()
    assert source.merged_into_id == target.pk


def test_a_citizen_cannot_merge_and_nothing_changes(module, pair):
    source, target = pair
    actions.support_proposal(source, user=UserFactory())
    before = state()
    with pytest.raises(PermissionDenied):
        actions.merge_proposals(source, target, actor=UserFactory())
    assert state() == before


def test_an_agent_of_another_ministry_cannot_merge(module, pair):
    source, target = pair
    before = state()
    with pytest.raises(PermissionDenied):
        actions.merge_proposals(source, target, actor=user_with_role(Role.AGENT))
    assert state() == before


def test_refused_merges_change_nothing(module, organiser, pair):
    source, target = pair
    other_module, _other_organiser = open_module("proposals", process=module.process)
    elsewhere = make_proposal(other_module, title="Ailleurs")
    argument = make_argument(target)
    hidden = make_proposal(module, title="Masquée")
    hide_contribution(hidden, actor=organiser, reason=HiddenReason.SPAM)
    already = make_proposal(module, title="Déjà fusionnée")
    actions.merge_proposals(already, target, actor=organiser)
    actions.support_proposal(source, user=UserFactory())
    before = state()

    gone = "n'est plus publiée ou a déjà été fusionnée."
    refused = [
        (source, source, {"target": ["Choisissez une autre proposition."]}),
        (source, elsewhere, {"target": ["Les deux propositions doivent être du même module."]}),
        (source, argument, {"target": ["Les deux propositions doivent être du même module."]}),
        (source, hidden, {"target": ["« Masquée » n'est plus publiée ou a déjà été fusionnée."]}),
        (already, source, {"source": [f"« Déjà fusionnée » {gone}"]}),
        (source, already, {"target": [f"« Déjà fusionnée » {gone}"]}),
    ]  # fmt: skip
    for merged, into, errors in refused:
        with pytest.raises(ValidationError) as error:
            actions.merge_proposals(merged, into, actor=organiser)
        assert error.value.message_dict == errors
        assert state() == before


def test_a_merged_proposal_takes_no_more_supports_nor_debate(module, organiser, pair):
    source, target = pair
    actions.merge_proposals(source, target, actor=organiser)
    before = state()
    with pytest.raises(ValidationError):
        actions.support_proposal(source, user=UserFactory())
    with pytest.raises(ValidationError):
        make_argument(source)
    assert state() == before

"""Submitting, supporting, arguing and voting useful: the rules, whatever the page."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.participation.actions import hide_contribution, withdraw_contribution
from concerto.participation.actions.common import RateLimited
from concerto.participation.models import Contribution, ContributionKind, HiddenReason
from concerto.processes.models import Theme
from concerto.proposals import actions
from concerto.proposals.models import Support, UsefulVote
from tests.factories import UserFactory, open_module
from tests.proposals.conftest import make_argument, make_proposal

pytestmark = pytest.mark.django_db


# Submission


def test_a_proposal_is_a_published_core_contribution(module):
    author = UserFactory(first_name="Inès", last_name="Martin")
    proposal = make_proposal(module, author=author, location="Grenoble")
    proposal.refresh_from_db()
    assert proposal.kind == ContributionKind.PROPOSAL
    assert proposal.status == Contribution.Status.PUBLISHED
    assert proposal.title == "Des pistes cyclables continues"
    assert proposal.location == "Grenoble"
    assert proposal.theme.slug == "transports"
    assert proposal.author_name == "Inès M."  # never the full name on public pages
    assert proposal.channel == "online"


def test_the_same_idempotency_key_twice_stores_one_proposal(module):
    author, key = UserFactory(), uuid.uuid4()
    first, created = actions.submit_proposal(
        module, author=author, title="Titre", body="Texte", idempotency_key=key
    )
    second, created_again = actions.submit_proposal(
        module, author=author, title="Titre", body="Texte", idempotency_key=key
    )
    assert (created, created_again) == (True, False)
    assert second.pk == first.pk
    assert Contribution.objects.filter(module=module).count() == 1


def test_a_second_sending_of_one_key_is_refused_by_the_key_and_answers_the_first(module):
    """The insert goes first; the key's unique constraint refuses the second one, which
    answers with the first one's proposal: the same whether the first committed long
    before (a retry) or just before (a double click), with no window in between."""
    author, key = UserFactory(), uuid.uuid4()
    first, created = actions.submit_proposal(
        module, author=author, title="Titre", body="Texte", idempotency_key=key
    )
    again, created_again = actions.submit_proposal(
        module, author=author, title="Titre", body="Texte", idempotency_key=key
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Contribution.objects.filter(module=module).count() == 1


def test_a_proposal_needs_a_title_and_a_text(module):
    author = UserFactory()
    with pytest.raises(ValidationError) as error:
        actions.submit_proposal(
            module, author=author, title="  ", body="Texte", idempotency_key=None
        )
    assert error.value.message_dict == {"title": ["Donnez un titre à votre proposition."]}
    with pytest.raises(ValidationError) as error:
        actions.submit_proposal(
            module, author=author, title="Titre", body=" ", idempotency_key=None
        )
    assert error.value.message_dict == {"body": ["Le texte de la contribution est vide."]}
    assert not Contribution.objects.exists()


def test_the_stated_limit_of_20000_characters_holds(module):
    author = UserFactory()
    make_proposal(module, author=author, body="a" * 20_000)
    with pytest.raises(ValidationError) as error:
        actions.submit_proposal(
            module, author=author, title="Trop long", body="a" * 20_001, idempotency_key=None
        )
    assert list(error.value.message_dict) == ["body"]
    assert Contribution.objects.count() == 1


def test_without_an_account_a_pseudonym_is_needed_where_the_module_allows_it():
    module, _organiser = open_module("proposals", allow_pseudonym=True)
    with pytest.raises(ValidationError) as error:
        actions.submit_proposal(module, author=None, title="T", body="B", idempotency_key=None)
    assert error.value.message_dict == {"pseudonym": ["Indiquez un pseudonyme."]}
    proposal, _created = actions.submit_proposal(
        module, author=None, pseudonym="Vélotaffeur", title="T", body="B", idempotency_key=None
    )
    assert proposal.author is None and proposal.author_name == "Vélotaffeur"


def test_without_an_account_nothing_is_stored_where_pseudonyms_are_not_allowed(module):
    with pytest.raises(PermissionDenied):
        actions.submit_proposal(
            module, author=None, pseudonym="Anonyme", title="T", body="B", idempotency_key=None
        )
    assert not Contribution.objects.exists()


def test_a_closed_module_refuses_proposals_and_votes(module):
    proposal = make_proposal(module)
    module.closes_on = timezone.localdate() - timedelta(days=1)
    module.save()
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        make_proposal(module)
    with pytest.raises(PermissionDenied):
        actions.support_proposal(proposal, user=user)
    assert Contribution.objects.count() == 1
    assert not Support.objects.exists()


# Comments and arguments


def test_comments_thread_under_the_first_comment(module):
    proposal = make_proposal(module)
    comment, _ = actions.comment_proposal(
        proposal, author=UserFactory(), body="Et les vélos cargos ?", idempotency_key=None
    )
    reply, _ = actions.comment_proposal(
        proposal, author=UserFactory(), body="Prévus.", reply_to=comment, idempotency_key=None
    )
    reply_to_reply, _ = actions.comment_proposal(
        proposal, author=UserFactory(), body="Merci.", reply_to=reply, idempotency_key=None
    )
    assert comment.parent_id == proposal.pk
    assert reply.parent_id == comment.pk
    assert reply_to_reply.parent_id == comment.pk
    assert {comment.kind, reply.kind} == {ContributionKind.COMMENT}


def test_a_reply_to_another_proposals_comment_is_refused(module):
    proposal, other = make_proposal(module), make_proposal(module, title="Autre")
    comment, _ = actions.comment_proposal(
        other, author=UserFactory(), body="Ailleurs", idempotency_key=None
    )
    with pytest.raises(ValidationError):
        actions.comment_proposal(
            proposal, author=UserFactory(), body="Réponse", reply_to=comment, idempotency_key=None
        )
    assert Contribution.objects.filter(kind=ContributionKind.COMMENT).count() == 1


def test_an_argument_takes_a_side(module):
    proposal = make_proposal(module)
    argument = make_argument(proposal, stance="against", body="Trop cher.")
    assert (argument.kind, argument.stance, argument.parent_id) == (
        ContributionKind.ARGUMENT, "against", proposal.pk,
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        actions.argue_proposal(
            proposal, author=UserFactory(), stance="", body="Sans camp", idempotency_key=None
        )
    assert error.value.message_dict == {
        "stance": ["Indiquez si votre argument est pour ou contre."]
    }
    assert Contribution.objects.filter(kind=ContributionKind.ARGUMENT).count() == 1


# Supports


def test_supporting_twice_counts_one_support(module):
    proposal, user = make_proposal(module), UserFactory()
    first, created = actions.support_proposal(proposal, user=user, address="203.0.113.4")
    second, created_again = actions.support_proposal(proposal, user=user, address="203.0.113.4")
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_a_racing_second_click_finds_the_constraint_and_keeps_one_support(module, monkeypatch):
    proposal, user = make_proposal(module), UserFactory()
    Support.objects.create(proposal=proposal, user=user)
    real_filter = Support.objects.filter

    class NotYetCommitted:
        def first(self):
            return None

    # The check ran before the other click committed; the unique constraint decides.
    monkeypatch.setattr(
        Support.objects,
        "filter",
        lambda **kw: NotYetCommitted() if kw.get("user") else real_filter(**kw),
    )
    support, created = actions.support_proposal(proposal, user=user)
    monkeypatch.undo()
    assert created is False
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_a_support_can_be_withdrawn_and_given_again(module):
    proposal, user = make_proposal(module), UserFactory()
    actions.support_proposal(proposal, user=user)
    assert actions.withdraw_support(proposal, user=user) is True
    assert actions.withdraw_support(proposal, user=user) is False
    assert not Support.objects.exists()
    actions.support_proposal(proposal, user=user)
    assert Support.objects.filter(proposal=proposal, user=user).count() == 1


def test_supporting_needs_an_account_even_where_pseudonyms_are_allowed():
    module, _organiser = open_module("proposals", allow_pseudonym=True)
    proposal = make_proposal(module)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        actions.support_proposal(proposal, user=AnonymousUser())
    assert not Support.objects.exists()


@pytest.mark.parametrize("status", ["hidden", "withdrawn"])
def test_a_hidden_or_withdrawn_proposal_cannot_be_supported(module, organiser, status):
    author = UserFactory()
    proposal = make_proposal(module, author=author)
    if status == "hidden":
        hide_contribution(proposal, actor=organiser, reason=HiddenReason.SPAM)
    else:
        withdraw_contribution(proposal, actor=author)
    with pytest.raises(ValidationError):
        actions.support_proposal(proposal, user=UserFactory())
    assert not Support.objects.exists()


def test_votes_are_rate_limited_per_person(module, settings):
    settings.PARTICIPATION_RATE_LIMITS = {**settings.PARTICIPATION_RATE_LIMITS, "vote": (2, 600)}
    user = UserFactory()
    proposals = [make_proposal(module, title=f"Proposition {n}") for n in range(3)]
    actions.support_proposal(proposals[0], user=user)
    actions.support_proposal(proposals[1], user=user)
    with pytest.raises(RateLimited):
        actions.support_proposal(proposals[2], user=user)
    assert Support.objects.filter(user=user).count() == 2


def test_votes_are_rate_limited_per_address(module, settings):
    settings.PARTICIPATION_RATE_LIMITS = {**settings.PARTICIPATION_RATE_LIMITS, "vote": (1, 600)}
    proposal = make_proposal(module)
    actions.support_proposal(proposal, user=UserFactory(), address="198.51.100.7")
    with pytest.raises(RateLimited):
        actions.support_proposal(proposal, user=UserFactory(), address="198.51.100.7")
    assert Support.objects.filter(proposal=proposal).count() == 1


# Useful votes


def test_an_argument_is_voted_useful_once_per_person(module):
    argument = make_argument(make_proposal(module))
    user = UserFactory()
    _vote, created = actions.vote_useful(argument, user=user)
    _vote, created_again = actions.vote_useful(argument, user=user)
    assert (created, created_again) == (True, False)
    assert UsefulVote.objects.filter(argument=argument).count() == 1
    assert actions.withdraw_useful_vote(argument, user=user) is True
    assert not UsefulVote.objects.exists()


def test_nobody_votes_their_own_argument_useful(module):
    author = UserFactory()
    argument = make_argument(make_proposal(module), author=author)
    with pytest.raises(ValidationError) as error:
        actions.vote_useful(argument, user=author)
    assert error.value.messages == ["Vous ne pouvez pas juger utile votre propre argument."]
    assert not UsefulVote.objects.exists()


def test_only_arguments_are_voted_useful(module):
    proposal = make_proposal(module)
    with pytest.raises(ValidationError):
        actions.vote_useful(proposal, user=UserFactory())
    assert not UsefulVote.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_theme_deleted_between_the_form_and_the_insert_sends_the_form_back():
    """The form checks the theme against the kept list; deleted just after, the
    insert's foreign key refuses it at commit: a message, nothing stored, no error."""
    module, _organiser = open_module("proposals")
    gone = Theme.objects.create(name="Thème supprimé", slug="theme-supprime")
    Theme.objects.filter(pk=gone.pk).delete()
    with pytest.raises(ValidationError) as error:
        actions.submit_proposal(
            module, author=UserFactory(), title="Titre", body="Texte", theme=gone,
            idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    assert error.value.messages == [
        "Votre contribution n'a pas pu être enregistrée : un choix du formulaire vient "
        "d'être modifié ou supprimé. Vérifiez le formulaire et renvoyez-le."
    ]
    assert not Contribution.objects.filter(title="Titre").exists()

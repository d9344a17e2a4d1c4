"""Each suggestion's stored support count follows its supports: made, withdrawn, moved
by a merge, deleted with their account; the lists sort on it."""

import pytest

from concerto.codrafting import actions, queries
from concerto.codrafting.models import Suggestion
from concerto.proposals import actions as proposal_actions
from tests.codrafting.conftest import key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def count(contribution) -> int:
    return Suggestion.objects.get(contribution=contribution).supports_count


def test_the_stored_count_follows_supports_merges_and_erased_accounts(published, organiser):
    paragraph = published.units.filter(kind="paragraph").first()
    first, _ = actions.suggest_rewording(paragraph, author=UserFactory(), text="Première.",
                                         idempotency_key=key())  # fmt: skip
    second, _ = actions.suggest_rewording(paragraph, author=UserFactory(), text="Seconde.",
                                          idempotency_key=key())  # fmt: skip
    ana, bob, chloe = UserFactory(), UserFactory(), UserFactory()
    for person in (ana, bob):
        proposal_actions.support_proposal(first, user=person)
    proposal_actions.support_proposal(first, user=ana)  # again: still one support
    for person in (bob, chloe):
        proposal_actions.support_proposal(second, user=person)
    assert (count(first), count(second)) == (2, 2)
    proposal_actions.withdraw_support(first, user=ana)
    assert count(first) == 1
    ordered = [s.pk for s in queries.SuggestionList([paragraph.pk])[0:10]]
    assert ordered == [second.pk, first.pk]  # 2 supports before 1
    # Merging the second into the first: Bob supported both and counts once.
    proposal_actions.merge_proposals(second, first, actor=organiser)
    assert (count(first), count(second)) == (2, 0)
    chloe.delete()  # a deleted account's supports go with it (an erased one keeps them)
    assert count(first) == 1

"""The covered count of each answer (`answers_with_coverage`) is a subquery per answer
since bench/bench_followup.py: a grouped join repeated a theme answer once per covered
contribution (50,000) and evaluated `with_new_since`'s subquery for each of those rows.
The figures are those of the former grouped count, whatever is annotated next to it."""

import pytest
from django.db.models import Count, Q

from concerto.followup import actions
from concerto.followup.models import Answer, AnswerLevel, Rating
from concerto.followup.queries import answers_with_coverage
from concerto.followup.selection import with_new_since
from concerto.participation.models import Contribution
from tests.followup.conftest import closed_process, status

pytestmark = pytest.mark.django_db


def former_count(answers):
    """The definition before the subquery, kept here as the reference."""
    published = Q(contributions__status=Contribution.Status.PUBLISHED)
    return answers.annotate(covered=Count("contributions", filter=published, distinct=True))


def test_the_covered_count_is_unchanged_with_hidden_withdrawn_ratings_and_empty_answers():
    closed = closed_process(n_citizens=5)
    proposals = closed.proposals

    def answer(contributions, text):
        return actions.save_answer(
            closed.process, actor=closed.sponsor, contributions=contributions,
            fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": text},
        )  # fmt: skip

    wide = answer(proposals, "Toutes")
    narrow = answer(proposals[:2], "Deux")
    empty = actions.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.THEME, "target": "Stationnement",
                "status": status("retained"), "text": "Rien encore"},
    )  # fmt: skip
    Contribution.objects.filter(pk=proposals[0].pk).update(status=Contribution.Status.HIDDEN)
    Contribution.objects.filter(pk=proposals[4].pk).update(status=Contribution.Status.WITHDRAWN)
    actions.publish_answers(closed.process, actor=closed.sponsor)
    for citizen, value in zip(closed.citizens, ["yes", "partly", "no"], strict=False):
        Rating.objects.create(answer=wide, user=citizen, value=value)

    answers = Answer.objects.filter(process=closed.process).order_by("pk")
    # Joined with ratings, as the public pages do: the count is not multiplied.
    rated = answers_with_coverage(answers).annotate(ratings_n=Count("ratings", distinct=True))
    assert {a.pk: (a.covered, a.ratings_n) for a in rated} == {
        wide.pk: (3, 3),
        narrow.pk: (1, 0),
        empty.pk: (0, 0),
    }
    assert {a.pk: a.covered for a in answers_with_coverage(answers)} == {
        a.pk: a.covered for a in former_count(answers)
    }
    # As the workspace annotates them: no grouping, so no subquery evaluated per link.
    workspace = with_new_since(answers_with_coverage(answers), closed.process)
    assert workspace.query.group_by is None
    assert {a.pk: (a.covered, a.new_since) for a in workspace} == {
        wide.pk: (3, 0),
        narrow.pk: (1, 0),
        empty.pk: (0, 0),
    }

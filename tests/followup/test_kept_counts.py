"""The follow-up counts are made once per change and kept in the shared cache
(concerto/followup/counts.py): every change that moves them is seen at once, on every
page, and a page that has them does not count the links again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto import generations
from concerto.followup import actions, counts
from concerto.followup.models import AnswerLevel
from concerto.followup.queries import FollowUpCount, state_follow_up
from concerto.followup.selection import Selection
from concerto.participation.actions.moderation import hide_contribution, restore_contribution
from concerto.participation.models import Contribution, ContributionKind, HiddenReason
from tests.followup.conftest import closed_process, status

pytestmark = pytest.mark.django_db


def seen(client, closed, answer):
    """(the process page's taux de suite, the answer page's covered count, the
    workspace's count of contributions without an answer, the answer's row there)."""
    process = closed.process
    page = client.get(reverse("followup:process", args=[process.slug]))
    answer_page = client.get(answer.get_absolute_url())
    client.force_login(closed.sponsor)
    workspace = client.get(reverse("followup:workspace", args=[process.pk]), {"answer": "none"})
    client.logout()
    assert page.status_code == answer_page.status_code == workspace.status_code == 200
    (row,) = [a for a in workspace.context["answers"] if a.pk == answer.pk]
    return (
        page.context["follow_up"],
        answer_page.context["answer"].covered,
        workspace.context["page_obj"].paginator.count,
        row.covered,
    )


def test_each_change_shows_at_once_on_every_page(client, django_capture_on_commit_callbacks):
    closed = closed_process(n_citizens=4)
    proposals = closed.proposals
    answer = actions.save_answer(
        closed.process, actor=closed.sponsor, contributions=proposals[:3],
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui"},
    )  # fmt: skip
    actions.publish_answers(closed.process, actor=closed.sponsor)
    assert seen(client, closed, answer) == (FollowUpCount(4, 3), 3, 1, 3)
    assert state_follow_up() == FollowUpCount(4, 3)

    # A contribution hidden by moderation leaves every count.
    moderator = closed.process.project_lead
    hide_contribution(proposals[0], actor=moderator, reason=HiddenReason.SPAM)
    assert seen(client, closed, answer) == (FollowUpCount(3, 2), 2, 1, 2)
    assert state_follow_up() == FollowUpCount(3, 2)
    restore_contribution(Contribution.objects.get(pk=proposals[0].pk), actor=moderator)
    assert seen(client, closed, answer) == (FollowUpCount(4, 3), 3, 1, 3)

    # Linked by the job's bulk insert (no model signal): the last one is covered.
    with django_capture_on_commit_callbacks(execute=True):
        actions.link_contributions(
            answer, actor=closed.sponsor, selection=Selection(ids=(proposals[3].pk,)),
            reason="La quatrième proposition est reprise aussi.",
        )  # fmt: skip
    assert seen(client, closed, answer) == (FollowUpCount(4, 4), 4, 0, 4)

    # A new contribution (paper, received late) counts in the total at once.
    Contribution.objects.create(
        module=closed.module, kind=ContributionKind.PROPOSAL, channel="paper",
        title="Cahier de la mairie", body="Des arceaux devant la gare.",
    )  # fmt: skip
    assert seen(client, closed, answer) == (FollowUpCount(5, 4), 4, 1, 4)


def test_a_page_that_has_the_counts_does_not_count_the_links_again(client):
    closed = closed_process(n_citizens=3)
    answer = actions.save_answer(
        closed.process, actor=closed.sponsor, contributions=closed.proposals,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui"},
    )  # fmt: skip
    actions.publish_answers(closed.process, actor=closed.sponsor)
    links = connection.ops.quote_name(answer.contributions.through._meta.db_table)

    def second_view(url) -> list[str]:
        """The queries of a second view of `url` that read the links."""
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in queries.captured_queries if links in q["sql"]]

    # The answer page reads its page of covered contributions, never counts them again.
    assert [sql for sql in second_view(answer.get_absolute_url()) if "COUNT(" in sql] == []
    # The process page's counts and examples are all kept.
    assert second_view(reverse("followup:process", args=[closed.process.slug])) == []


def test_a_change_renews_the_token_again_once_committed(django_capture_on_commit_callbacks):
    scope = counts.process_scope(7)
    before = generations.current(scope)
    with django_capture_on_commit_callbacks(execute=True):
        counts.changed(7)
        during = generations.current(scope)
        assert during != before
        # Counted now, before the commit: kept under `during`, which the commit retires.
        assert counts.remembered(scope, "n", lambda: 1) == 1
    after = generations.current(scope)
    assert after not in (before, during)
    assert counts.remembered(scope, "n", lambda: 2) == 2

"""The public follow-up pages ("vous avez dit, nous avons fait" and the process's devoir de
suite) are kept rendered for visitors (concerto/pagecache.py) under two generations: the
counts' and the rest's (concerto/followup/counts.py). Everything they show is seen at the
next request after it changes, whichever action changed it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from concerto import generations
from concerto.followup import actions
from concerto.followup.counts import process_scope
from concerto.followup.models import AnswerLevel
from concerto.participation.actions.moderation import hide_contribution
from concerto.processes.models import FollowUpCommitment
from tests.followup.conftest import status

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer(closed):
    answer = actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui."},
        contributions=closed.proposals,
    )
    actions.publish_answers(closed.process, actor=closed.sponsor)
    answer.refresh_from_db()
    return answer


def pages(closed, answer):
    return [f"/dispositifs/{closed.process.slug}/suites/", answer.get_absolute_url()]


def kept(url) -> bool:
    return getattr(Client().get(url), "from_cache", False)


def read(url) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_both_pages_are_kept_for_visitors_and_made_afresh_for_the_signed_in(closed, answer):
    for url in pages(closed, answer):
        assert not kept(url)
        assert kept(url)
        citizen = Client()
        citizen.force_login(closed.citizens[0])
        mine = citizen.get(url)
        assert not getattr(mine, "from_cache", False)
        assert "Se déconnecter" in mine.content.decode()
        assert "Se déconnecter" not in read(url)


def test_a_rating_shows_at_once_without_counting_the_follow_up_again(closed, answer):
    url = answer.get_absolute_url()
    assert "Oui : 0 · En partie : 0 · Non : 0" in read(url)
    assert kept(url)
    counted = generations.current(process_scope(closed.process.pk))
    actions.rate_answer(answer, user=closed.citizens[0], value="yes")
    assert generations.current(process_scope(closed.process.pk)) == counted
    assert not kept(url)
    assert "Oui : 1 · En partie : 0 · Non : 0" in read(url)


def test_a_hidden_contribution_leaves_the_count_at_once(closed, answer):
    url = answer.get_absolute_url()
    assert f'id="contribution-{closed.proposals[0].pk}"' in read(url)
    hide_contribution(closed.proposals[0], actor=closed.referent, reason="off_topic")
    text = read(url)
    assert f'id="contribution-{closed.proposals[0].pk}"' not in text
    assert f'id="contribution-{closed.proposals[1].pk}"' in text


def test_a_milestone_and_its_progress_show_at_once(closed, answer):
    process_url, answer_url = pages(closed, answer)
    for url in (process_url, answer_url):
        assert "Étude de faisabilité" not in read(url)
    milestone = actions.add_milestone(
        answer,
        actor=closed.sponsor,
        title="Étude de faisabilité",
        due_date=timezone.localdate() + timedelta(days=30),
    )
    for url in (process_url, answer_url):
        assert "Étude de faisabilité" in read(url)
        assert kept(url)
    actions.update_milestone(milestone, actor=closed.sponsor, progress=60, done=False)
    for url in (process_url, answer_url):
        assert "60 %" in read(url)


def test_a_commitment_moved_shows_at_once(closed, answer):
    url = f"/dispositifs/{closed.process.slug}/suites/"
    commitment = FollowUpCommitment.objects.filter(process=closed.process).first()
    assert commitment is not None
    read(url)
    assert kept(url)
    new_date = commitment.due_date + timedelta(days=40)
    actions.change_commitment_date(
        commitment, actor=closed.sponsor, due_date=new_date, reason="Le rapport prend du retard."
    )
    assert "Le rapport prend du retard." in read(url)


def test_an_answer_edited_shows_at_once(closed, answer):
    process_url, answer_url = pages(closed, answer)
    for url in (process_url, answer_url):
        read(url)
        assert kept(url)
    actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        answer=answer,
        fields={
            "level": AnswerLevel.PROPOSAL,
            "status": status("retained"),
            "text": "Oui, en 2027.",
        },
        contributions=closed.proposals,
        edit_reason="Date précisée.",
    )
    for url in (process_url, answer_url):
        assert "Oui, en 2027." in read(url)


def test_a_page_that_is_not_found_is_not_kept(closed, answer):
    url = f"/dispositifs/{closed.process.slug}/suites/reponses/{answer.pk + 1000}/"
    assert Client().get(url).status_code == 404
    assert Client().get(url).status_code == 404
    assert Client().get("/dispositifs/nulle-part/suites/").status_code == 404


def test_large_counts_are_written_the_french_way(closed, answer, monkeypatch):
    from concerto.followup.views import public

    monkeypatch.setattr(public, "covered_by_channel", lambda answer: [("online", 20000)])
    text = read(answer.get_absolute_url())
    assert "20\u202f000 contributions reçoivent cette réponse (en ligne : 20\u202f000)." in text

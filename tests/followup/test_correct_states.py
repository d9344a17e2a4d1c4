"""The devoir de suite shows only states that are true (issue 23, "Correct states")."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.evaluation.indicators import answered_share
from concerto.followup import actions
from concerto.followup.models import Answer, AnswerLevel
from concerto.followup.queries import (
    commitments_with_delivery,
    follow_up_counts,
    late_commitments,
    ministry_figures,
)
from tests.followup.conftest import closed_process, status

pytestmark = pytest.mark.django_db


def answer(case, code: str, contributions, **fields) -> Answer:
    fields = {"level": AnswerLevel.PROPOSAL, "status": status(code), "text": "Réponse.", **fields}
    return actions.save_answer(
        case.process, actor=case.sponsor, fields=fields, contributions=contributions
    )


def public_page(case) -> str:
    return Client().get(f"/dispositifs/{case.process.slug}/suites/").content.decode()


def section(page: str, answer: Answer) -> str:
    start = page.index(f'id="reponse-{answer.pk}"')
    return page[start : page.index("</section>", start)]


# Implementation progress


@pytest.mark.parametrize(
    "code", ["not-retained", "out-of-scope"], ids=["non-retenue", "hors-du-champ"]
)
def test_an_answer_that_retains_nothing_shows_no_implementation(code, closed):
    refused = answer(closed, code, [closed.proposals[0]], reason="Hors budget.")
    actions.publish_answers(closed.process, actor=closed.sponsor)

    assert refused.progress() is None
    html = section(public_page(closed), refused)
    assert "Mise en œuvre" not in html
    assert "Avancement" not in html
    assert "<progress" not in html


@pytest.mark.parametrize("code", ["retained", "partly-retained"])
def test_a_retained_answer_without_milestone_shows_no_percentage(code, closed):
    partial = answer(closed, code, [closed.proposals[0]])
    actions.publish_answers(closed.process, actor=closed.sponsor)

    assert partial.progress() is None
    html = section(public_page(closed), partial)
    assert "Mise en œuvre" in html
    assert "Aucun jalon de mise en œuvre n'est encore fixé." in html
    assert "Avancement" not in html
    assert "<progress" not in html


def test_a_retained_answer_progresses_only_from_its_milestones(closed):
    retained = answer(closed, "partly-retained", [closed.proposals[0]])
    actions.publish_answers(closed.process, actor=closed.sponsor)
    far = timezone.localdate() + timedelta(days=30)
    actions.add_milestone(retained, actor=closed.sponsor, title="Étude", due_date=far, progress=40)

    assert retained.progress() == 40
    assert "Avancement : 40 %" in section(public_page(closed), retained)


# Late milestones


def test_an_overdue_milestone_is_flagged_late_on_the_public_and_workspace_pages(closed):
    retained = answer(closed, "retained", [closed.proposals[0]])
    actions.publish_answers(closed.process, actor=closed.sponsor)
    today = timezone.localdate()
    late = actions.add_milestone(
        retained, actor=closed.sponsor, title="Marché public", due_date=today - timedelta(days=1)
    )
    done = actions.add_milestone(
        retained, actor=closed.sponsor, title="Étude", due_date=today - timedelta(days=9),
        progress=100,
    )  # fmt: skip
    due_today = actions.add_milestone(
        retained, actor=closed.sponsor, title="Travaux", due_date=today, progress=10
    )

    assert (late.is_late(), done.is_late(), due_today.is_late()) == (True, False, False)
    html = public_page(closed)
    badge = '<span class="fr-badge fr-badge--error fr-badge--sm">En retard</span>'

    def item(milestone):
        return re.search(rf'<li id="jalon-{milestone.pk}">(.*?)</li>', html, re.S).group(1)

    assert badge in item(late)
    assert badge not in item(done) and "Réalisé" in item(done)
    assert badge not in item(due_today)

    client = Client()
    client.force_login(closed.sponsor)
    workspace = client.get(
        reverse("followup:answer", args=[closed.process.pk, retained.pk])
    ).content.decode()
    legend = re.search(rf'<legend[^>]*id="jalon-{late.pk}">(.*?)</legend>', workspace, re.S)
    assert badge in legend.group(1)
    legend = re.search(rf'<legend[^>]*id="jalon-{done.pk}">(.*?)</legend>', workspace, re.S)
    assert badge not in legend.group(1)


# Commitments with a quantity


def test_a_commitment_with_a_quantity_is_kept_only_when_the_quantity_is_met(closed):
    commitment = closed.process.commitments.get()
    commitment.quantity = 3
    commitment.save()
    first, second, third = closed.proposals
    answer(closed, "retained", [first])
    answer(closed, "retained", [second])
    actions.publish_answers(closed.process, actor=closed.sponsor)

    row = commitments_with_delivery().get(pk=commitment.pk)
    assert (row.answered, row.delivered_at) == (2, None)
    page = public_page(closed)
    assert "2 réponses publiées sur 3 promises" in page
    assert "Tenu le" not in page

    last = answer(closed, "not-retained", [third], reason="Hors budget.")
    actions.publish_answers(closed.process, actor=closed.sponsor)
    last.refresh_from_db()

    row = commitments_with_delivery().get(pk=commitment.pk)
    assert (row.answered, row.delivered_at) == (3, last.published_at)
    assert "Tenu le" in public_page(closed)


def test_a_commitment_short_of_its_quantity_at_its_date_is_late(closed):
    commitment = closed.process.commitments.get()
    commitment.quantity = 20
    commitment.due_date = timezone.localdate() - timedelta(days=2)
    commitment.save()
    answer(closed, "retained", [closed.proposals[0]])
    answer(closed, "retained", [closed.proposals[1]])
    actions.publish_answers(closed.process, actor=closed.sponsor)

    assert list(late_commitments()) == [commitment]
    (row,) = [r for r in ministry_figures() if r.ministry == closed.process.ministry]
    assert (row.due, row.on_time, row.late, row.not_delivered) == (1, 0, 0, 1)


def test_a_commitment_without_quantity_is_kept_by_its_first_answer(closed):
    commitment = closed.process.commitments.get()
    first = answer(closed, "retained", [closed.proposals[0]])
    actions.publish_answers(closed.process, actor=closed.sponsor)
    first.refresh_from_db()
    row = commitments_with_delivery().get(pk=commitment.pk)
    assert (row.answered, row.delivered_at) == (1, first.published_at)


def test_a_late_commitment_is_flagged_on_the_process_page_itself(closed):
    commitment = closed.process.commitments.get()
    commitment.due_date = timezone.localdate() - timedelta(days=3)
    commitment.save()

    page = Client().get(closed.process.get_absolute_url()).content.decode()
    item = re.search(rf'<li[^>]*id="engagement-{commitment.pk}">(.*?)</li>', page, re.S).group(1)
    assert '<p class="fr-badge fr-badge--error fr-badge--sm"' in item
    assert "En retard" in item
    assert "Échéance dépassée de 3 jours" in item


def test_a_late_commitment_is_flagged_in_the_follow_up_workspace(closed):
    commitment = closed.process.commitments.get()
    commitment.due_date = timezone.localdate() - timedelta(days=1)
    commitment.save()
    client = Client()
    client.force_login(closed.sponsor)
    page = client.get(reverse("followup:workspace", args=[closed.process.pk])).content.decode()
    item = re.search(rf'<li id="engagement-{commitment.pk}">(.*?)</li>', page, re.S).group(1)
    assert "En retard" in item
    assert "Échéance dépassée de 1 jour" in item


def test_a_commitment_due_later_is_not_late_on_the_process_page(closed):
    commitment = closed.process.commitments.get()
    commitment.due_date = timezone.localdate() + timedelta(days=5)
    commitment.save()
    page = Client().get(closed.process.get_absolute_url()).content.decode()
    item = re.search(rf'<li[^>]*id="engagement-{commitment.pk}">(.*?)</li>', page, re.S).group(1)
    assert "En retard" not in item
    assert "Encore 5 jours" in item


# Date fields round-trip


def test_the_commitment_date_form_is_prefilled_with_an_iso_date(closed):
    commitment = closed.process.commitments.get()
    commitment.due_date = date(2027, 2, 2)
    commitment.save()
    client = Client()
    client.force_login(closed.sponsor)
    page = client.get(
        reverse("followup:commitment", args=[closed.process.pk, commitment.pk])
    ).content.decode()
    assert re.search(r'<input type="date" name="due_date" value="2027-02-02"', page)


def test_the_answer_form_is_prefilled_with_an_iso_new_date(closed):
    later = answer(closed, "under-study", [closed.proposals[0]], new_date=date(2027, 2, 2))
    client = Client()
    client.force_login(closed.sponsor)
    page = client.get(
        reverse("followup:answer", args=[closed.process.pk, later.pk])
    ).content.decode()
    assert re.search(r'<input type="date" name="new_date" value="2027-02-02"', page)


# One count of the taux de suite


def test_the_follow_up_rate_is_the_same_count_everywhere(closed, client):
    other = closed_process(
        n_citizens=2, title="Concertation sur le plan piéton", ministry=closed.process.ministry
    )
    answer(closed, "retained", [closed.proposals[0]])
    actions.publish_answers(closed.process, actor=closed.sponsor)

    count = follow_up_counts([closed.process.pk])
    assert (count.contributions, count.covered, count.rate) == (3, 1, 33.3)
    assert answered_share(closed.process) == {"contributions": 3, "covered": 1, "share": 33.3}
    assert "Taux de suite : 33,3 % (1 contributions sur 3" in public_page(closed)

    # /suivi/ sums the ministry's processes: the same helper, grouped.
    (row,) = [r for r in ministry_figures() if r.ministry == closed.process.ministry]
    both = follow_up_counts([closed.process.pk, other.process.pk])
    assert (row.contributions, row.covered, row.follow_up_rate) == (5, 1, 20.0)
    assert (both.contributions, both.covered, both.rate) == (5, 1, 20.0)
    suivi = client.get("/suivi/").content.decode()
    assert "20,0 % (1/5)" in suivi
    # The page says what the ministry's rate counts, so 1/5 there and 1/3 here agree.
    assert "porte sur les contributions de tous ses dispositifs publiés" in suivi

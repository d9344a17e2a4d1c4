"""Issue 23: one theme model. A theme answer covers every contribution the analysis put
in its theme; later additions show as new; the workspace filters, pages and links a
whole selection by a background job; every page shows the same covered count."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from concerto.analysis.models import Analysis, Assignment, Theme
from concerto.followup import actions, tasks
from concerto.followup.models import Answer, AnswerLevel, AnswerVersion
from concerto.followup.queries import FollowUpCount, follow_up_counts
from concerto.followup.selection import Selection, new_since_answer, selected, with_new_since
from concerto.followup.tasks import cover_selection
from concerto.jobs.models import Job
from concerto.participation.models import Channel, Contribution, ContributionKind
from tests.factories import PASSWORD
from tests.followup.conftest import closed_process, status

pytestmark = pytest.mark.django_db


def analysed(closed, groups: dict[str, list]) -> dict[str, Theme]:
    """A finished analysis of the module putting each list of contributions in a theme."""
    analysis = Analysis.objects.create(
        module=closed.module,
        created_by=closed.process.project_lead,
        status=Analysis.Status.DONE,
        finished_at=timezone.now(),
    )
    themes = {}
    for position, (label, contributions) in enumerate(groups.items()):
        theme = Theme.objects.create(
            analysis=analysis, label=label, position=position, size=len(contributions)
        )
        Assignment.objects.bulk_create(
            Assignment(analysis=analysis, contribution=c, theme=theme) for c in contributions
        )
        themes[label] = theme
    return themes


def signed_in(user) -> Client:
    client = Client()
    client.login(email=user.email, password=PASSWORD)
    return client


def theme_answer(closed, theme, **fields) -> Answer:
    return actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={"level": AnswerLevel.THEME, "analysis_theme": theme,
                "status": status("retained"), "text": "Un plan vélo.", **fields},
    )  # fmt: skip


@pytest.fixture
def five(db):
    closed = closed_process(n_citizens=5)
    themes = analysed(
        closed, {"Pistes cyclables": closed.proposals[:3], "Stationnement": closed.proposals[3:]}
    )
    return closed, themes


def test_a_theme_answer_covers_its_theme_and_every_page_shows_the_same_count(
    five, django_capture_on_commit_callbacks
):
    closed, themes = five
    with django_capture_on_commit_callbacks(execute=True):
        answer = theme_answer(closed, themes["Pistes cyclables"])
    # Before issue 23 a theme answer covered nothing ("Contributions couvertes : 0").
    assert sorted(answer.contributions.values_list("pk", flat=True)) == sorted(
        p.pk for p in closed.proposals[:3]
    )
    assert answer.target == "Pistes cyclables"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_answers(closed.process, actor=closed.sponsor)
    assert follow_up_counts([closed.process.pk]) == FollowUpCount(5, 3)

    workspace = signed_in(closed.sponsor).get(f"/espace/dispositifs/{closed.process.pk}/suites/")
    assert f'<td id="covered-{answer.pk}">3</td>' in workspace.content.decode()
    process_page = Client().get(f"/dispositifs/{closed.process.slug}/suites/").content.decode()
    assert "3 contributions couvertes" in process_page
    assert "Taux de suite : 60.0 % (3 contributions sur 5" in process_page.replace(",", ".")
    home = Client().get("/").content.decode()
    assert "(3 contributions sur 5 ont reçu une réponse publiée)" in home
    assert f'<a class="fr-link" href="{answer.get_absolute_url()}">Pistes cyclables</a>' in home
    answer_page = Client().get(answer.get_absolute_url()).content.decode()
    assert "3 contributions reçoivent cette réponse (en ligne : 3)." in answer_page
    for citizen, covered in zip(closed.citizens, [True] * 3 + [False] * 2, strict=True):
        mine = signed_in(citizen).get("/mes-contributions/").content.decode()
        assert (f'href="{answer.get_absolute_url()}"' in mine) is covered
    told = sorted(
        m.to[0] for m in mail.outbox if m.subject.startswith("Concerto : Réponse à votre")
    )
    assert told == sorted(c.email for c in closed.citizens[:3])


def test_contributions_added_to_the_theme_later_are_new_since_the_answer(
    five, django_capture_on_commit_callbacks
):
    closed, themes = five
    theme = themes["Pistes cyclables"]
    with django_capture_on_commit_callbacks(execute=True):
        answer = theme_answer(closed, theme)
        actions.publish_answers(closed.process, actor=closed.sponsor)
    moved = closed.proposals[3]
    Assignment.objects.filter(contribution=moved).update(theme=theme)
    assert new_since_answer(answer) == 1
    annotated = with_new_since(Answer.objects.filter(pk=answer.pk), closed.process).get()
    assert annotated.new_since == 1
    page = signed_in(closed.sponsor).get(f"/espace/dispositifs/{closed.process.pk}/suites/")
    assert f'<td id="new-since-{answer.pk}"><a href="?theme={theme.pk}#contributions">1</a>' in (
        page.content.decode()
    )

    # A published answer is extended only with a public reason; nothing changes without.
    with pytest.raises(ValidationError):
        actions.link_contributions(
            answer, actor=closed.sponsor, selection=Selection(theme=theme.pk)
        )
    assert answer.contributions.count() == 3
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.link_contributions(
            answer, actor=closed.sponsor, selection=Selection(theme=theme.pk),
            reason="Contribution reclassée dans le thème",
        )  # fmt: skip
    assert answer.contributions.count() == 4
    assert new_since_answer(answer) == 0
    last = AnswerVersion.objects.filter(answer=answer).order_by("-pk").first()
    assert last.reason == "Contribution reclassée dans le thème"
    assert moved.pk in last.content["contributions"]
    # Only the newly covered author is told.
    assert [m.to for m in mail.outbox] == [[closed.citizens[3].email]]


def test_cover_selection_is_idempotent_and_works_in_chunks(five):
    closed, themes = five
    answer = actions.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui."},
        contributions=[closed.proposals[0]],
    )  # fmt: skip
    everything = Selection(module=closed.module.pk)
    assert cover_selection(answer.pk, everything, chunk_size=2) == 4
    assert cover_selection(answer.pk, everything, chunk_size=2) == 0
    assert answer.contributions.count() == 5
    assert Answer.contributions.through.objects.filter(answer=answer).count() == 5


def test_filters_select_exactly(five):
    closed, themes = five
    paper = Contribution.objects.create(
        module=closed.module, kind=ContributionKind.COMMENT, channel=Channel.PAPER,
        title="Cahier de Brest", body="Des arceaux devant la gare.",
    )  # fmt: skip
    answer = actions.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("not-retained"),
                "text": "Non.", "reason": "Hors budget."},
        contributions=[closed.proposals[4]],
    )  # fmt: skip

    def pks(**filters):
        return list(selected(closed.process, Selection(**filters)).values_list("pk", flat=True))

    proposals = [p.pk for p in closed.proposals]
    assert pks() == [*proposals, paper.pk]
    assert pks(theme=themes["Stationnement"].pk) == proposals[3:]
    assert pks(channel=Channel.PAPER) == [paper.pk]
    assert pks(q="ARCEAUX") == [paper.pk]
    assert pks(answer="none") == [*proposals[:4], paper.pk]
    assert pks(answer="any") == [proposals[4]]
    assert pks(answer="not-retained") == [proposals[4]]
    assert pks(answer="retained") == []
    assert pks(covered_by=answer.pk) == [proposals[4]]
    assert pks(theme=themes["Stationnement"].pk, answer="none") == [proposals[3]]


def test_the_workspace_is_paginated_and_filtered_from_the_address(db):
    closed = closed_process(n_citizens=1)
    Contribution.objects.bulk_create(
        Contribution(module=closed.module, kind=ContributionKind.PROPOSAL,
                     title=f"Idée {n}", body="Texte.")
        for n in range(60)
    )  # fmt: skip
    client = signed_in(closed.sponsor)
    url = f"/espace/dispositifs/{closed.process.pk}/suites/"
    first = client.get(url).content.decode()
    assert "61 contributions correspondent · page 1 sur 2" in first
    assert first.count('name="contribution"') == 50
    second = client.get(url + "?page=2").content.decode()
    assert second.count('name="contribution"') == 11
    found = client.get(url + "?q=Id%C3%A9e+59").content.decode()
    assert "1 contribution correspond" in found
    assert found.count('name="contribution"') == 1


def test_bulk_link_to_a_new_answer_then_to_an_existing_one(
    five, django_capture_on_commit_callbacks
):
    closed, themes = five
    client = signed_in(closed.sponsor)
    theme = themes["Stationnement"]
    base = f"/espace/dispositifs/{closed.process.pk}/suites/"
    response = client.post(f"{base}selection/?theme={theme.pk}", {"scope": "all", "target": "new"})
    assert response.status_code == 302
    assert response["Location"] == f"{base}reponses/nouvelle/?theme={theme.pk}"
    form = client.get(response["Location"]).content.decode()
    assert "Cette réponse couvrira les 2 contributions qui correspondent aux filtres" in form
    assert "Thème de l&#x27;analyse : Stationnement (2 contributions)" in form
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(response["Location"], {
            "level": "theme", "analysis_theme": theme.pk, "status": status("retained").pk,
            "text": "Des arceaux partout.",
        })  # fmt: skip
    assert saved.status_code == 302
    answer = Answer.objects.get()
    assert sorted(answer.contributions.values_list("pk", flat=True)) == [
        p.pk for p in closed.proposals[3:]
    ]

    # The ticked boxes of a page, to the existing (draft) answer.
    with django_capture_on_commit_callbacks(execute=True):
        linked = client.post(f"{base}selection/", {
            "scope": "checked", "target": str(answer.pk),
            "contribution": [closed.proposals[0].pk],
        })  # fmt: skip
    assert linked.status_code == 302
    assert answer.contributions.count() == 3


def test_bulk_refusals_say_why_and_change_nothing(five, django_capture_on_commit_callbacks):
    closed, themes = five
    with django_capture_on_commit_callbacks(execute=True):
        answer = theme_answer(closed, themes["Stationnement"])
        actions.publish_answers(closed.process, actor=closed.sponsor)
    client = signed_in(closed.sponsor)
    base = f"/espace/dispositifs/{closed.process.pk}/suites/"
    nothing = client.post(f"{base}selection/", {"scope": "checked", "target": str(answer.pk)})
    assert nothing.status_code == 400
    assert "Cochez au moins une contribution dans la liste" in nothing.content.decode()
    no_reason = client.post(f"{base}selection/", {
        "scope": "checked", "target": str(answer.pk), "contribution": [closed.proposals[0].pk],
    })  # fmt: skip
    assert no_reason.status_code == 400
    text = no_reason.content.decode()
    assert "Une réponse publiée ne change qu&#x27;avec un motif public." in text
    # What was ticked stays ticked.
    assert f'value="{closed.proposals[0].pk}" id="select-{closed.proposals[0].pk}" checked' in text
    citizen = signed_in(closed.citizens[0]).post(f"{base}selection/", {
        "scope": "all", "target": str(answer.pk), "reason": "Pirate",
    })  # fmt: skip
    assert citizen.status_code == 404
    assert answer.contributions.count() == 2


def test_a_theme_of_another_process_is_refused(five):
    closed, _themes = five
    other = closed_process(title="Concertation sur l'eau")
    foreign = analysed(other, {"Eau": other.proposals})["Eau"]
    with pytest.raises(ValidationError) as refused:
        theme_answer(closed, foreign)
    assert "analysis_theme" in refused.value.message_dict
    assert Answer.objects.count() == 0


def test_a_large_selection_is_linked_by_a_job(five, monkeypatch):
    closed, themes = five
    monkeypatch.setattr(tasks, "COVER_NOW_LIMIT", 1)
    answer = theme_answer(closed, themes["Stationnement"])
    # The job ran (tests run tasks at once) and linked both contributions.
    assert answer.coverage_job.status == Job.Status.SUCCEEDED
    assert answer.contributions.count() == 2


def test_a_small_selection_is_linked_at_once(five):
    closed, themes = five
    answer = theme_answer(closed, themes["Stationnement"])
    assert answer.coverage_job is None
    assert answer.contributions.count() == 2


def test_publishing_and_linking_wait_for_a_linking_job(five, monkeypatch):
    closed, themes = five
    monkeypatch.setattr(tasks, "COVER_NOW_LIMIT", 1)
    answer = theme_answer(closed, themes["Stationnement"])
    # As if the worker had not finished linking yet.
    Job.objects.filter(pk=answer.coverage_job_id).update(status=Job.Status.RUNNING)
    with pytest.raises(ValidationError):
        actions.link_contributions(
            answer, actor=closed.sponsor, selection=Selection(ids=(closed.proposals[0].pk,))
        )
    with pytest.raises(ValidationError):
        actions.publish_answers(closed.process, actor=closed.sponsor)
    assert not Answer.objects.published().exists()


def test_an_answer_is_edited_through_its_form(five):
    """The edit locks the answer row alone: PostgreSQL refused to lock it joined to its
    (nullable) linking job, and every edit answered 500 there."""
    closed, themes = five
    answer = theme_answer(closed, themes["Stationnement"])
    url = f"/espace/dispositifs/{closed.process.pk}/suites/reponses/{answer.pk}/"
    response = signed_in(closed.sponsor).post(url, {
        "level": "theme", "analysis_theme": themes["Stationnement"].pk,
        "status": status("retained").pk, "text": "Des arceaux devant chaque gare.",
        "contributions": [p.pk for p in closed.proposals[3:]],
    })  # fmt: skip
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.text == "Des arceaux devant chaque gare."
    assert answer.contributions.count() == 2

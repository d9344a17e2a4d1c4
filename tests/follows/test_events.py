"""Events followers hear of, recorded once each, from the actions of other domains."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concerto.follows import events
from concerto.follows.feed import recent_for
from concerto.follows.models import Event, EventTarget
from tests.follows.conftest import merge, publish_answer

pytestmark = pytest.mark.django_db


def targets_of(event) -> set[tuple[str, int]]:
    return set(EventTarget.objects.filter(event=event).values_list("target_kind", "target_id"))


def test_a_published_answer_is_one_event_for_the_process_its_places_and_its_proposal(world):
    proposal = world.closed.proposals[0]
    answer = publish_answer(world.closed, proposal)
    event = Event.objects.get(kind="answer")
    assert (event.key, event.summary, event.url, event.answer_id, event.process_id) == (
        f"answer:{answer.pk}:published",
        "Réponse publiée : « Proposition 1 »",
        f"/dispositifs/{world.process.slug}/suites/reponses/{answer.pk}/",
        answer.pk,
        world.process.pk,
    )
    assert targets_of(event) == {
        ("process", world.process.pk),
        ("ministry", world.process.ministry_id),
        ("theme", world.theme.pk),
        ("followup", 0),
        ("proposal", proposal.pk),
    }
    # Saved again (an edit, a second signal): still one event.
    answer.save()
    events.answer_published(answer)
    assert Event.objects.filter(kind="answer").count() == 1


def test_a_merge_is_one_event_for_both_proposals(world):
    source, target = world.closed.proposals[1], world.closed.proposals[0]
    merged = merge(world.closed, source, target)
    event = Event.objects.get(kind="proposal")
    assert (event.key, event.summary, event.proposal_id) == (
        f"merge:{merged.pk}",
        "La proposition « Proposition 2 » a été fusionnée avec « Proposition 1 ».",
        target.pk,
    )
    assert {("proposal", source.pk), ("proposal", target.pk)} <= targets_of(event)
    assert events.proposals_merged(merged)[1] is False
    assert Event.objects.filter(kind="proposal").count() == 1


def test_the_lifecycle_moves_followers_care_about_are_events(world):
    # closed_process walked the process through publication, opening and closing.
    summaries = list(
        Event.objects.filter(kind="process", process=world.process)
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    assert summaries == [
        "Le dispositif est publié.",
        "La participation est ouverte.",
        "La participation est close.",
    ]


def test_dated_events_are_recorded_once_a_day(world):
    module = world.closed.module
    commitment = world.process.commitments.get()
    today = commitment.due_date + timedelta(days=1)
    assert events.record_dated(today) == 1  # the commitment is late; the module is closed
    assert events.record_dated(today) == 0
    late = Event.objects.get(kind="late")
    assert late.summary == (
        f"Engagement en retard : « Réponse à chaque proposition », promis pour le "
        f"{commitment.due_date.day} {_month(commitment.due_date)} {commitment.due_date.year}."
    )
    assert ("followup", 0) in targets_of(late)
    module.opens_on = timezone.localdate()
    module.closes_on = module.opens_on + timedelta(days=10)
    module.save()
    assert events.record_dated(module.opens_on) == 1
    assert Event.objects.get(kind="module").key == (
        f"module:{module.pk}:opened:{module.opens_on.isoformat()}"
    )


def _month(day) -> str:
    from django.utils import formats

    return formats.date_format(day, "F")


def test_the_feed_is_computed_from_what_one_follows(world):
    from concerto.follows import actions
    from concerto.follows.models import TargetKind

    publish_answer(world.closed, world.closed.proposals[0])
    assert recent_for(world.follower) == []
    actions.follow(world.follower, TargetKind.MINISTRY, world.process.ministry_id)
    assert [event.summary for event in recent_for(world.follower)] == [
        "Réponse publiée : « Proposition 1 »",
        "La participation est close.",
        "La participation est ouverte.",
        "Le dispositif est publié.",
    ]
    # An event concerns the themes the process had when it happened: the theme was
    # added to this process after it closed.
    other = world.closed.citizens[0]
    actions.unfollow(other, TargetKind.PROCESS, world.process.pk)
    actions.unfollow(other, TargetKind.PROPOSAL, world.closed.proposals[0].pk)
    actions.follow(other, TargetKind.THEME, world.theme.pk)
    assert [event.summary for event in recent_for(other)] == ["Réponse publiée : « Proposition 1 »"]

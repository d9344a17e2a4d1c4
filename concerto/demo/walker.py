"""Walk the demo processes along the lifecycle through the real actions.

Each step runs "as of" its own day in the past: the clock that Django's
`timezone.now` reads is set back while the action runs, so the log, the
referral's due date and the pre-check tell a coherent story.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from unittest import mock

from django.utils import timezone

from concerto.accounts.models import Organisation, User
from concerto.demo.processes import (
    DATE_FIELDS,
    DEMO_PROCESSES,
    DISPATCHER,
    LAST_STEP,
    STEPS,
    DemoProcess,
)
from concerto.processes import actions
from concerto.processes.models import Process, Theme


@contextmanager
def on_day(offset: int, hour: int) -> Iterator[None]:
    """Run the enclosed actions as if it were `hour` o'clock, `offset` days from today."""
    day = timezone.localdate() + timedelta(days=offset)
    moment = timezone.make_aware(datetime.combine(day, time(hour))).astimezone(UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _declare(demo: DemoProcess) -> Process:
    today = timezone.localdate()
    lead = _user(demo.lead)
    fields = dict(demo.fields)
    if "sponsor" in fields:
        fields["sponsor_id"] = _user(fields.pop("sponsor")).pk
    for name in DATE_FIELDS:
        if name in fields:
            fields[name] = today + timedelta(days=fields[name])
    with on_day(demo.days["created"], 9):
        process = actions.create_process(
            actor=lead,
            ministry=Organisation.objects.get(slug=demo.ministry),
            title=demo.title,
            directorate=Organisation.objects.get(slug=demo.directorate),
        )
    with on_day(demo.days["created"], 15):
        return actions.update_process(
            process,
            actor=lead,
            expected_revision=process.revision,
            fields=fields,
            themes=list(Theme.objects.filter(slug__in=demo.themes)),
            sources=[
                {"title": title, "viewpoint": viewpoint, "url": "", "contradictory": contradictory}
                for title, viewpoint, contradictory in demo.sources
            ],
            commitments=[
                {
                    "what": what,
                    "who": who,
                    "due_date": today + timedelta(days=due),
                    "channel": channel,
                }
                for what, who, due, channel in demo.commitments
            ],
        )


def _walk(process: Process, demo: DemoProcess) -> None:
    """Take a declared process to its demo status through the real actions."""
    last = LAST_STEP[demo.status]
    steps = STEPS[: STEPS.index(last) + 1] if last else ()
    referent, advisor = _user(demo.referent), _user(demo.advisor)
    for step in steps:
        if step == "submitted":
            with on_day(demo.days[step], 11):
                actions.submit_referral(process, actor=referent)
        elif step == "assigned":
            with on_day(demo.days[step], 10):
                actions.assign_advisor(process, actor=_user(DISPATCHER), advisor=advisor)
            process.refresh_from_db()
            _review(process, demo, advisor)
        elif step == "opinion":
            with on_day(demo.days[step], 17):
                actions.issue_opinion(
                    process,
                    actor=advisor,
                    verdict=demo.verdict,
                    reasoning=demo.reasoning,
                    recommendations=[r.text for r in demo.recommendations],
                )
            process.refresh_from_db()
            _answer(process, demo)
        elif step == "published":
            with on_day(demo.days[step], 11):
                actions.publish_process(process, actor=referent)
        elif step == "opened":
            with on_day(demo.days[step], 8):
                actions.open_participation(process, actor=referent)
        process.refresh_from_db()


def _review(process: Process, demo: DemoProcess, advisor: User) -> None:
    """The advisor's appraisals and the thread with the ministry, while under review."""
    review_day = demo.days["assigned"] + 1
    for criterion, score, comment in demo.appraisals:
        with on_day(review_day, 14):
            actions.review_criterion(
                process,
                actor=advisor,
                criterion=criterion,
                score=score,
                comment=comment,
                expected_revision=None,
            )
    parent = None
    for offset, author, body in demo.thread:
        with on_day(offset, 16):
            message = actions.ask_question(process, actor=_user(author), body=body, parent=parent)
        parent = parent or message


def _answer(process: Process, demo: DemoProcess) -> None:
    """The sponsor's answers to the recommendations (those the demo answers)."""
    recommendations = process.referral.opinion.recommendations.order_by("number")
    for recommendation, demo_recommendation in zip(
        recommendations, demo.recommendations, strict=True
    ):
        if not demo_recommendation.answer:
            continue
        with on_day(demo.days["answered"], 10):
            actions.answer_recommendation(
                recommendation,
                actor=process.sponsor,
                answer=demo_recommendation.answer,
                reason=demo_recommendation.reason,
            )


def load_processes() -> None:
    """Declare and walk each demo process once; one whose address exists is left alone."""
    for demo in DEMO_PROCESSES:
        if Process.objects.filter(slug=demo.slug).exists():
            continue
        process = _declare(demo)
        _walk(process, demo)

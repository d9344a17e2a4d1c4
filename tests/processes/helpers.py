"""Processes at the end of their life, built through the real actions."""

from concerto.followup import actions as followup
from concerto.followup.closing import publish_follow_up
from concerto.followup.models import AnswerLevel, AnswerStatus
from tests.followup.conftest import ClosedProcess, closed_process


def finished_process(**kwargs) -> ClosedProcess:
    """A closed process whose follow-up is published: one answer, published by its sponsor."""
    closed = closed_process(**kwargs)
    followup.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": AnswerStatus.objects.get(code="retained"),
                "text": "Retenue."},
        contributions=closed.proposals[:1],
    )  # fmt: skip
    followup.publish_answers(closed.process, actor=closed.sponsor)
    publish_follow_up(closed.process, actor=closed.referent)
    closed.process.refresh_from_db()
    return closed

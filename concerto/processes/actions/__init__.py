"""Named write operations on processes: each checks its rules, runs in a transaction
and logs the transition it makes."""

from concerto.processes.actions.closing import close_participation, publish_follow_up
from concerto.processes.actions.declaration import create_process, update_process
from concerto.processes.actions.opinion import answer_recommendation, issue_opinion
from concerto.processes.actions.publication import open_participation, publish_process
from concerto.processes.actions.referral import (
    ask_question,
    assign_advisor,
    review_criterion,
    submit_referral,
)

__all__ = [
    "answer_recommendation",
    "ask_question",
    "assign_advisor",
    "close_participation",
    "create_process",
    "issue_opinion",
    "open_participation",
    "publish_follow_up",
    "publish_process",
    "review_criterion",
    "submit_referral",
    "update_process",
]

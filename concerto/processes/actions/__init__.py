"""Named write operations on processes: each checks its rules, runs in a transaction
and logs the transition it makes."""

from concerto.processes.actions.declaration import create_process, update_process
from concerto.processes.actions.handover import mark_ready_for_referent, return_to_agent
from concerto.processes.actions.management import (
    archive_process,
    delete_process,
    duplicate_process,
)
from concerto.processes.actions.opinion import answer_recommendation, issue_opinion
from concerto.processes.actions.publication import open_participation, publish_process
from concerto.processes.actions.referral import (
    ask_question,
    assign_advisor,
    submit_referral,
)
from concerto.processes.actions.review import Appraisal, review_criterion, review_grid

__all__ = [
    "Appraisal",
    "answer_recommendation",
    "archive_process",
    "ask_question",
    "assign_advisor",
    "create_process",
    "delete_process",
    "duplicate_process",
    "issue_opinion",
    "mark_ready_for_referent",
    "open_participation",
    "publish_process",
    "return_to_agent",
    "review_criterion",
    "review_grid",
    "submit_referral",
    "update_process",
]

"""Named write operations on participation: modules, contributions, moderation."""

from concerto.participation.actions.contributions import (
    correct_contribution,
    submit_contribution,
    withdraw_contribution,
)
from concerto.participation.actions.moderation import (
    ban_participant,
    hide_contribution,
    report_contribution,
    restore_contribution,
)
from concerto.participation.actions.modules import create_module

__all__ = [
    "ban_participant",
    "correct_contribution",
    "create_module",
    "hide_contribution",
    "report_contribution",
    "restore_contribution",
    "submit_contribution",
    "withdraw_contribution",
]

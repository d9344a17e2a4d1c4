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
from concerto.participation.actions.modules import (
    close_module_early,
    create_module,
    delete_module,
    move_module,
    set_module_published,
    update_module,
)

__all__ = [
    "ban_participant",
    "close_module_early",
    "correct_contribution",
    "create_module",
    "delete_module",
    "hide_contribution",
    "move_module",
    "report_contribution",
    "restore_contribution",
    "set_module_published",
    "submit_contribution",
    "update_module",
    "withdraw_contribution",
]

"""Named write operations on participation: modules, contributions, moderation, profile."""

from concerto.participation.actions.contributions import (
    correct_contribution,
    submit_contribution,
    withdraw_contribution,
)
from concerto.participation.actions.moderation import (
    ban_participant,
    block_user,
    hide_contribution,
    lift_block,
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
from concerto.participation.actions.profile import (
    erase_profile,
    merge_into_profile,
    profile_answers,
    save_profile,
)

__all__ = [
    "ban_participant",
    "block_user",
    "lift_block",
    "close_module_early",
    "correct_contribution",
    "create_module",
    "delete_module",
    "erase_profile",
    "hide_contribution",
    "merge_into_profile",
    "move_module",
    "profile_answers",
    "report_contribution",
    "restore_contribution",
    "save_profile",
    "set_module_published",
    "submit_contribution",
    "update_module",
    "withdraw_contribution",
]

"""The opinion groups of a process's participants, as its last opinion map found them.

A module kind that weighs support across groups (co-drafting's cross-group support) reads
them here. The opinion-map kind, built on participation, sets how they are found from its
AppConfig.ready(), so that module kinds do not import each other (issue 20). A user's
membership is reached in queries through `opinion_groups` (`map_id`, `group`), the
relation the opinion map declares on the user.
"""

from dataclasses import dataclass

from concerto.hooks import Slot


@dataclass(frozen=True)
class OpinionGroups:
    """The groups of one map: its id, each group's number of members with an account
    ({engine label: members}) and its name ({engine label: "A"…})."""

    map_id: int
    sizes: dict[int, int]
    names: dict[int, str]


# (process) -> OpinionGroups | None.
_finder = Slot(
    "The finder of opinion groups",
    "No finder of opinion groups: is concerto.opinionmaps installed?",
)
# Called from the opinion-map app's ready().
set_finder = _finder.set


def process_opinion_groups(process) -> OpinionGroups | None:
    """The groups of the process's last opinion map with at least two groups, or None
    (no such map, or no opinion-map kind installed)."""
    return _finder(process) if _finder.is_set else None

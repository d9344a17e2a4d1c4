from concerto.expertgroups.models.drafting import Comment, Draft, DraftKind, DraftVersion
from concerto.expertgroups.models.group import ExpertGroup, GroupMember, ProcessNote
from concerto.expertgroups.models.publication import GovernmentAnswer

__all__ = [
    "Comment",
    "Draft",
    "DraftKind",
    "DraftVersion",
    "ExpertGroup",
    "GovernmentAnswer",
    "GroupMember",
    "ProcessNote",
]

from concerto.processes.models.opinion import Opinion, Recommendation
from concerto.processes.models.process import (
    FollowUpCommitment,
    InformationSource,
    Process,
    Theme,
    Transition,
)
from concerto.processes.models.referral import CriterionReview, Question, Referral, Version

__all__ = [
    "CriterionReview",
    "FollowUpCommitment",
    "InformationSource",
    "Opinion",
    "Process",
    "Question",
    "Recommendation",
    "Referral",
    "Theme",
    "Transition",
    "Version",
]

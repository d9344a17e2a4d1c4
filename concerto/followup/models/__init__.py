from concerto.followup.models.answer import Answer, AnswerLevel, AnswerStatus, Milestone, Rating
from concerto.followup.models.delivery import AnswerBatch, Delivery
from concerto.followup.models.versions import AnswerVersion, CommitmentVersion

__all__ = [
    "Answer",
    "AnswerBatch",
    "AnswerLevel",
    "AnswerStatus",
    "AnswerVersion",
    "CommitmentVersion",
    "Delivery",
    "Milestone",
    "Rating",
]

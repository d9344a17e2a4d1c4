from concerto.participation.models.contribution import (
    Channel,
    Contribution,
    ContributionKind,
    HiddenReason,
)
from concerto.participation.models.moderation import Ban, ModerationEvent, Report
from concerto.participation.models.module import Module
from concerto.participation.models.profile import ParticipantProfile

__all__ = [
    "Ban",
    "Channel",
    "Contribution",
    "ContributionKind",
    "HiddenReason",
    "ModerationEvent",
    "Module",
    "ParticipantProfile",
    "Report",
]

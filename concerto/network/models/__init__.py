from concerto.network.models.meetings import (
    MeetingAction,
    MeetingAttendance,
    MeetingDecision,
    NetworkMeeting,
)
from concerto.network.models.plans import ActionPlan, ActionStatus, Deputy, PlanAction

__all__ = [
    "ActionPlan",
    "ActionStatus",
    "Deputy",
    "MeetingAction",
    "MeetingAttendance",
    "MeetingDecision",
    "NetworkMeeting",
    "PlanAction",
]

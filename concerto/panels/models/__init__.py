from concerto.panels.models.panel import (
    M_TICKETS,
    Draw,
    Panel,
    PanelTransition,
    PoolMember,
    Quota,
    new_token,
)
from concerto.panels.models.recommendations import Recommendation
from concerto.panels.models.recruitment import Invitation, InvitationBatch, PanelCategory, new_code
from concerto.panels.models.sessions import Attendance, PanelSession

__all__ = [
    "M_TICKETS",
    "Attendance",
    "Draw",
    "Invitation",
    "InvitationBatch",
    "Panel",
    "PanelCategory",
    "PanelSession",
    "PanelTransition",
    "PoolMember",
    "Quota",
    "Recommendation",
    "new_code",
    "new_token",
]

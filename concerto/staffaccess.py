"""Staff access to personal data, for the audit trail.

A view that shows or exports personal data to a staff member calls `record_staff_access`.
The trail is the privacy domain's (`concerto.privacy.audit`, its `StaffAccess` rows): it
sets the recorder from its AppConfig.ready(), so that the domains below it (participation,
meetings, panels…) record without importing it (issue 20). Until it has, recording
raises: an access is never left out of the trail unnoticed.
"""

from concerto.hooks import Slot

_recorder = Slot(
    "The staff access recorder", "No staff access recorder: is concerto.privacy installed?"
)
# Called from the privacy app's ready(), with (request, category, subject).
set_recorder = _recorder.set


def record_staff_access(request, category: str, subject) -> None:
    """Call from a view that shows or exports personal data to a staff member."""
    _recorder(request, category, subject)

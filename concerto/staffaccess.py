"""Staff access to personal data, for the audit trail.

A view that shows or exports personal data to a staff member calls `record_staff_access`.
The trail is the privacy domain's (`concerto.privacy.audit`, its `StaffAccess` rows): it
sets the recorder from its AppConfig.ready(), so that the domains below it (participation,
meetings, panels…) record without importing it (issue 20). Until it has, recording
raises: an access is never left out of the trail unnoticed.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

Recorder = Callable[[object, str, object], None]
_recorder: list[Recorder] = []


def set_recorder(recorder: Recorder) -> None:
    """Called from the privacy app's ready(); setting the same recorder again is harmless."""
    if _recorder and _recorder[0] != recorder:
        raise ImproperlyConfigured("The staff access recorder is already set.")
    _recorder[:] = [recorder]


def record_staff_access(request, category: str, subject) -> None:
    """Call from a view that shows or exports personal data to a staff member."""
    if not _recorder:
        raise ImproperlyConfigured("No staff access recorder: is concerto.privacy installed?")
    _recorder[0](request, category, subject)

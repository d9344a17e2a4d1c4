"""The audit trail of staff access to personal data."""

from concerto.privacy.models import StaffAccess


def record_staff_access(request, category: str, subject) -> None:
    """Call from a view that shows or exports personal data to a staff member."""
    StaffAccess.objects.create(
        actor=request.user, category=category, subject=str(subject)[:255], path=request.path[:500]
    )

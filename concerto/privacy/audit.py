"""The audit trail of staff access to personal data: what concerto.staffaccess records
(this app sets it as its recorder)."""

from concerto.privacy.models import StaffAccess


def record_staff_access(request, category: str, subject) -> None:
    """A row of the trail; views call concerto.staffaccess.record_staff_access."""
    StaffAccess.objects.create(
        actor=request.user, category=category, subject=str(subject)[:255], path=request.path[:500]
    )

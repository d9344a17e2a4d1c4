"""Writing the activity log: each named staff action calls `record` inside its transaction,
so that the line exists exactly when the change does."""

from django.contrib.contenttypes.models import ContentType

from concerto.activity.models import Entry


def _line(text, length: int) -> str:
    return " ".join(str(text).split())[:length]


def record(
    actor, action: str, target, *, summary: str, reason: str = "", changes=None, key=None
) -> Entry:
    """Log that `actor` did `action` (a code such as "accounts.grant_role") to `target`
    (a saved model instance), with the French `summary` a reader sees and the `reason`
    given. `changes` maps a field's label to its [old, new] values."""
    return Entry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=target.pk,
        target_label=_line(target, 255),
        summary=_line(summary, 500),
        reason=reason,
        changes=changes or {},
        key=key,
    )

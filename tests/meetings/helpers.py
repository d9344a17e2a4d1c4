from datetime import timedelta

from django.utils import timezone

from concerto.meetings.actions import create_meeting
from tests.factories import open_module


def meetings_module(**fields):
    """An open "meetings" module and its organiser."""
    return open_module("meetings", title="Réunions publiques", **fields)


def schedule(module, organiser, *, in_days: float = 7, hours: float = 2, **fields):
    """A meeting starting `in_days` from now (negative: in the past)."""
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=in_days)
    fields.setdefault("title", "Réunion publique à Lyon")
    fields.setdefault("address", "Hôtel de ville, 1 place de la Comédie, 69001 Lyon")
    return create_meeting(
        module,
        actor=organiser,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        **fields,
    )

"""The public meetings to come on the agenda of participation (processes/sections.py)."""

from django.utils import timezone

from concerto.meetings.models import Meeting
from concerto.processes.sections import AgendaSource


def _entry(meeting: Meeting) -> dict:
    starts_at = timezone.localtime(meeting.starts_at)
    return {
        "day": starts_at.date(),
        "moment": starts_at.replace(tzinfo=None),
        "title": meeting.title,
        "template": "meetings/agenda/entry.html",
        "meeting": meeting,
    }


def _entries(today) -> list[dict]:
    meetings = Meeting.objects.public().upcoming().select_related("module__process")
    return [_entry(meeting) for meeting in meetings]


MEETINGS = AgendaSource("meetings", _entries)

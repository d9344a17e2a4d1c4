"""iCalendar export (RFC 5545): exact output, folding, escaping."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from concerto.meetings import ical
from concerto.meetings.actions import create_meeting
from concerto.meetings.models import Meeting
from tests.meetings.helpers import meetings_module

PARIS = ZoneInfo("Europe/Paris")
SUMMARY = (
    "Réunion publique sur le plan vélo : quelles pistes cyclables pour l'agglomération lyonnaise ?"
)


def test_a_known_event_is_written_exactly():
    event = ical.Event(
        uid="reunion-7@concerto.gouv.fr",
        stamp=datetime(2026, 4, 1, 9, 15, tzinfo=PARIS),
        start=datetime(2026, 5, 12, 18, 30, tzinfo=PARIS),
        end=datetime(2026, 5, 12, 20, 30, tzinfo=PARIS),
        summary=SUMMARY,
        description="Ordre du jour ; présentation, questions\nPuis échanges\\débat.",
        location="Hôtel de ville, 1 place de la Comédie, 69001 Lyon",
        url="https://concerto.gouv.fr/dispositifs/plan-velo/reunions/3/7/",
    )
    assert ical.calendar([event], name="Réunions publiques") == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//DITP//Concerto//FR\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "X-WR-CALNAME:Réunions publiques\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:reunion-7@concerto.gouv.fr\r\n"
        "DTSTAMP:20260401T071500Z\r\n"
        "DTSTART:20260512T163000Z\r\n"
        "DTEND:20260512T183000Z\r\n"
        "SUMMARY:Réunion publique sur le plan vélo : quelles pistes cyclables pour\r\n"
        "  l'agglomération lyonnaise ?\r\n"
        "DESCRIPTION:Ordre du jour \\; présentation\\, questions\\nPuis échanges\\\\dé\r\n"
        " bat.\r\n"
        "LOCATION:Hôtel de ville\\, 1 place de la Comédie\\, 69001 Lyon\r\n"
        "URL:https://concerto.gouv.fr/dispositifs/plan-velo/reunions/3/7/\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


def test_folded_lines_hold_at_most_75_octets_and_never_split_a_character():
    line = "SUMMARY:" + "é" * 100 + "€" * 30
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    # "é" takes 2 octets and "€" 3: a line ends early rather than cut one in two.
    assert [len(part.encode("utf-8")) for part in parts] == [74, 75, 73, 73, 7]
    assert all(part.startswith(" ") for part in parts[1:])
    # Unfolding (RFC 5545, 3.1) gives the line back.
    assert folded.replace("\r\n ", "") == line


def test_short_lines_are_not_folded():
    assert ical.fold("UID:1@concerto") == "UID:1@concerto"
    line = "X" * 75
    assert ical.fold(line) == line
    assert ical.fold(line + "Y") == line + "\r\n Y"


def test_text_values_are_escaped():
    assert ical.escape_text("a\\b;c,d\r\ne\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        ical.utc(datetime(2026, 5, 12, 18, 30))


@pytest.mark.django_db
def test_a_meeting_and_its_module_export_as_calendars(client, settings):
    settings.SITE_URL = "https://concerto.gouv.fr"
    module, organiser = meetings_module()
    meeting = create_meeting(
        module,
        actor=organiser,
        title="Atelier, vélo; gare",
        description="Venez nombreux.",
        starts_at=datetime(2031, 5, 12, 18, 30, tzinfo=PARIS),
        ends_at=datetime(2031, 5, 12, 20, 30, tzinfo=PARIS),
        online=True,
        address="",
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        updated_at=datetime(2031, 4, 1, 9, 0, tzinfo=PARIS)
    )
    other = create_meeting(
        module,
        actor=organiser,
        title="Seconde réunion",
        starts_at=datetime(2031, 6, 2, 10, 0, tzinfo=PARIS),
        ends_at=datetime(2031, 6, 2, 12, 0, tzinfo=PARIS),
        address="Mairie de Bron",
    )
    slug = module.process.slug
    path = f"/dispositifs/{slug}/reunions/{module.pk}/{meeting.pk}/"
    url_line = f"URL:https://concerto.gouv.fr{path}"
    assert len(url_line) > 75

    response = client.get(path + "reunion.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="reunion-{meeting.pk}.ics"'
    assert response.content.decode() == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//DITP//Concerto//FR\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "BEGIN:VEVENT\r\n"
        f"UID:reunion-{meeting.pk}@concerto.gouv.fr\r\n"
        "DTSTAMP:20310401T070000Z\r\n"
        "DTSTART:20310512T163000Z\r\n"
        "DTEND:20310512T183000Z\r\n"
        "SUMMARY:Atelier\\, vélo\\; gare\r\n"
        "DESCRIPTION:Venez nombreux.\r\n"
        "LOCATION:En ligne\r\n"
        f"{url_line[:75]}\r\n {url_line[75:]}\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )

    whole = client.get(f"/dispositifs/{slug}/reunions/{module.pk}/reunions.ics")
    assert whole.status_code == 200
    body = whole.content.decode()
    assert body.startswith(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//DITP//Concerto//FR\r\n"
        "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:Réunions publiques\r\n"
    )
    assert [line for line in body.split("\r\n") if line.startswith("UID:")] == [
        f"UID:reunion-{meeting.pk}@concerto.gouv.fr",
        f"UID:reunion-{other.pk}@concerto.gouv.fr",
    ]
    assert "LOCATION:Mairie de Bron\r\n" in body

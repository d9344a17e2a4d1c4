"""The agenda lists the public meetings to come beside open and upcoming participation,
in date order (it listed processes only)."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from concerto.meetings.actions import create_meeting
from concerto.processes.lifecycle import Status
from tests.factories import complete_process, open_module, walk_to

pytestmark = pytest.mark.django_db


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 30)))


def test_agenda_lists_upcoming_public_meetings_in_date_order(client):
    today = timezone.localdate()
    first_of_next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    module, organiser = open_module("meetings", title="Réunions du plan vélo")
    process = module.process
    process.participation_end = today + timedelta(days=60)
    process.save(update_fields=["participation_end"])
    soon = first_of_next_month + timedelta(days=3)
    later = create_meeting(
        module, actor=organiser, title="Atelier à Lyon", starts_at=_at(soon, 18),
        ends_at=_at(soon, 20), address="Hôtel de ville, Lyon",
    )  # fmt: skip
    earlier = create_meeting(
        module, actor=organiser, title="Réunion en ligne", starts_at=_at(soon, 12),
        ends_at=_at(soon, 13), online=True,
    )  # fmt: skip
    past_day = today - timedelta(days=2)
    create_meeting(
        module, actor=organiser, title="Réunion passée", starts_at=_at(past_day, 18),
        ends_at=_at(past_day, 20), online=True,
    )  # fmt: skip
    hidden_module, hidden_organiser = open_module("meetings", process=complete_process())
    create_meeting(
        hidden_module, actor=hidden_organiser, title="Réunion d'un brouillon",
        starts_at=_at(soon, 18), ends_at=_at(soon, 20), online=True,
    )  # fmt: skip
    later_process = complete_process(
        title="Convention à venir",
        participation_start=first_of_next_month + timedelta(days=5),
        participation_end=first_of_next_month + timedelta(days=40),
    )
    walk_to(later_process, Status.PUBLISHED)

    response = client.get("/agenda/")
    assert response.status_code == 200
    html = response.text
    titles = re.findall(r'<h3 class="fr-tile__title"><a href="([^"]+)">([^<]+)</a>', html)
    assert [title for _, title in titles] == [
        process.title,
        "Réunion en ligne",
        "Atelier à Lyon",
        "Convention à venir",
    ]
    assert dict((title, url) for url, title in titles)["Atelier à Lyon"] == (
        later.get_absolute_url()
    )
    tile = re.search(rf'id="reunion-{later.pk}".*?</li>', html, re.S).group(0)
    assert "à 18h30 · Hôtel de ville, Lyon" in tile
    assert "Réunions du plan vélo" not in tile  # the process's title, not the module's
    assert process.title in tile
    assert f'id="reunion-{earlier.pk}"' in html
    assert "Réunion passée" not in html
    assert "brouillon" not in html

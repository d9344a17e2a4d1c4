"""Sessions and attendance: planned once drawn, marks never silently overwritten."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.panels import actions, sessions
from concerto.panels.models import Attendance
from concerto.privacy.models import StaffAccess
from tests.panels.helpers import drawn_panel, other_user, ready_panel

pytestmark = pytest.mark.django_db

WHEN = timezone.make_aware(datetime(2026, 12, 5, 9, 30))


def plan(panel, referent):
    return sessions.plan_session(
        panel, actor=referent, title="Séance 1 : s'informer", starts_at=WHEN, online=False,
        place="Salle des fêtes, Lyon", agenda="Accueil\nAuditions d'experts",
    )  # fmt: skip


def members(panel):
    return list(panel.pool.filter(status="selected").order_by("pk"))


def test_sessions_need_a_drawn_panel_and_an_organiser():
    panel, referent = ready_panel()
    with pytest.raises(ValidationError) as error:
        plan(panel, referent)
    assert error.value.messages == ["Planifiez les séances une fois le panel tiré au sort."]
    panel, referent, _draw = drawn_panel()
    with pytest.raises(PermissionDenied):
        plan(panel, other_user())
    session = plan(panel, referent)
    assert (session.title, session.place, session.starts_at) == (
        "Séance 1 : s'informer",
        "Salle des fêtes, Lyon",
        WHEN,
    )
    assert session.attendance_rate is None


def test_attendance_counts_and_rate():
    panel, referent, _draw = drawn_panel()
    session = plan(panel, referent)
    people = members(panel)
    marks = {m.pk: ("present", 0) for m in people[:6]}
    marks |= {people[6].pk: ("absent", 0), people[7].pk: ("excused", 0)}
    session = sessions.record_attendance(session, actor=referent, marks=marks)
    assert (session.present_count, session.recorded_count, session.attendance_rate) == (6, 8, 0.75)
    # Correcting one mark bumps its version.
    session = sessions.record_attendance(
        session, actor=referent, marks={people[6].pk: ("present", 1)}
    )
    assert (session.present_count, session.recorded_count) == (7, 8)
    row = Attendance.objects.get(session=session, member=people[6])
    assert (row.status, row.version, row.updated_by) == ("present", 2, referent)


def test_a_stale_sheet_never_overwrites_a_colleague():
    panel, referent, _draw = drawn_panel()
    session = plan(panel, referent)
    people = members(panel)
    colleague = referent
    # Both open the empty sheet (versions 0); the colleague saves first.
    sessions.record_attendance(session, actor=colleague, marks={people[0].pk: ("excused", 0)})
    # Same mark: no conflict. A different mark on the stale row: refused, nothing saved.
    sessions.record_attendance(session, actor=referent, marks={people[0].pk: ("excused", 0)})
    with pytest.raises(ValidationError) as error:
        sessions.record_attendance(
            session,
            actor=referent,
            marks={people[0].pk: ("absent", 0), people[1].pk: ("present", 0)},
        )
    assert error.value.messages == [
        f"Quelqu'un d'autre a modifié entre-temps la présence de : {people[0].external_id}. "
        "Rien n'a été enregistré : rechargez la feuille et recommencez."
    ]
    assert list(session.attendances.values_list("member_id", "status", "version")) == [
        (people[0].pk, "excused", 1)
    ]
    session.refresh_from_db()
    assert (session.present_count, session.recorded_count) == (0, 1)


def test_only_panel_members_get_a_mark():
    panel, referent, _draw = drawn_panel()
    session = plan(panel, referent)
    outsider = panel.pool.filter(status="pool").first()
    with pytest.raises(ValidationError) as error:
        sessions.record_attendance(session, actor=referent, marks={outsider.pk: ("present", 0)})
    assert error.value.messages == ["Une personne cochée n'est pas membre du panel."]
    assert Attendance.objects.count() == 0


def test_purge_removes_marks_and_keeps_the_session_figures():
    panel, referent, _draw = drawn_panel()
    session = plan(panel, referent)
    sessions.record_attendance(
        session, actor=referent, marks={m.pk: ("present", 0) for m in members(panel)[:3]}
    )
    actions.purge_expired_pools(today=timezone.localdate() + timedelta(days=90))
    session.refresh_from_db()
    assert Attendance.objects.count() == 0
    assert (session.present_count, session.recorded_count) == (3, 3)


def test_member_list_and_sheet_are_staff_only_and_audited(client):
    panel, referent, _draw = drawn_panel()
    session = plan(panel, referent)
    url = f"/espace/dispositifs/{panel.process_id}/panels/{panel.pk}/membres/"
    sheet = f"/espace/dispositifs/{panel.process_id}/panels/{panel.pk}/seances/{session.pk}/"
    client.force_login(other_user())
    assert client.get(url).status_code == 404
    assert client.get(sheet).status_code == 404
    assert StaffAccess.objects.count() == 0
    client.force_login(referent)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "10 personnes tirées au sort" in html
    assert all(m.external_id in html for m in members(panel))
    assert client.get(sheet).status_code == 200
    assert sorted(StaffAccess.objects.values_list("actor", "category")) == [
        (referent.pk, "membres de panel"),
        (referent.pk, "présences de panel"),
    ]

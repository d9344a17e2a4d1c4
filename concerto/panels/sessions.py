"""Named actions of the panel's life once drawn: sessions and attendance.

Attendance sheets are edited by several staff members at once: each row carries
the version its editor saw; a row changed by someone else since is refused with
its name, and nothing of that sheet is saved (the editor reloads and redoes it).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.activity.log import record
from concerto.panels.actions import _lock, _require
from concerto.panels.models import Attendance, Panel, PanelSession, PoolMember


@transaction.atomic
def plan_session(
    panel: Panel, *, actor, title: str, starts_at: datetime, online: bool, place: str, agenda: str
) -> PanelSession:
    _require(panel.process, actor)
    panel = _lock(panel)
    if panel.status == Panel.Status.DRAFT:
        raise ValidationError(_("Planifiez les séances une fois le panel tiré au sort."))
    session = PanelSession.objects.create(
        panel=panel, title=title.strip(), starts_at=starts_at, online=online,
        place=place.strip(), agenda=agenda.strip(), created_by=actor,
    )  # fmt: skip
    record(actor, "panels.plan_session", session,
           summary=_("Séance planifiée — %(panel)s") % {"panel": panel.name})  # fmt: skip
    return session


def attendance_sheet(session: PanelSession) -> list[tuple[PoolMember, Attendance | None]]:
    """Panel members (and those who declined after attending) with their mark, if any."""
    marks = {a.member_id: a for a in session.attendances.all()}
    members = session.panel.pool.filter(
        status__in=[PoolMember.Status.SELECTED, PoolMember.Status.REPLACEMENT]
    ) | session.panel.pool.filter(pk__in=list(marks))
    return [(member, marks.get(member.pk)) for member in members.order_by("pk")]


@transaction.atomic
def record_attendance(
    session: PanelSession, *, actor, marks: dict[int, tuple[str, int]]
) -> PanelSession:
    """Set each member's mark; `marks` is {member id: (status, version seen, 0 if none)}.

    Rows are locked; a row whose version moved on since it was seen, and whose
    stored mark differs from the one sent, is a conflict: nothing is saved.
    """
    _require(session.panel.process, actor)
    session = PanelSession.objects.select_for_update().select_related("panel").get(pk=session.pk)
    if session.panel.pool_purged_at:
        raise ValidationError(_("Les données du vivier sont supprimées."))
    members = {
        m.pk: m
        for m in session.panel.pool.filter(pk__in=list(marks)).exclude(
            status=PoolMember.Status.POOL
        )
    }
    if len(members) != len(marks):
        raise ValidationError(_("Une personne cochée n'est pas membre du panel."))
    statuses = set(Attendance.Status.values)
    rows = {
        a.member_id: a for a in session.attendances.select_for_update().filter(member__in=members)
    }
    conflicts, changed, created = [], [], []
    for member_id, (status, seen) in marks.items():
        if status not in statuses:
            raise ValidationError(_("Présence inconnue."))
        row = rows.get(member_id)
        current = row.version if row else 0
        if row is not None and row.status == status:
            continue
        if current != seen:
            conflicts.append(members[member_id].external_id)
        elif row is None:
            created.append(
                Attendance(session=session, member_id=member_id, status=status, updated_by=actor)
            )
        else:
            row.status, row.version, row.updated_by = status, row.version + 1, actor
            row.updated_at = timezone.now()
            changed.append(row)
    if conflicts:
        raise ValidationError(
            _(
                "Quelqu'un d'autre a modifié entre-temps la présence de : %(members)s. "
                "Rien n'a été enregistré : rechargez la feuille et recommencez."
            )
            % {"members": ", ".join(conflicts)}
        )
    # A concurrent first mark of the same member hits the unique constraint: the whole
    # sheet then fails rather than overwriting it.
    try:
        with transaction.atomic():
            Attendance.objects.bulk_create(created)
    except IntegrityError as error:
        raise ValidationError(
            _("Quelqu'un d'autre a saisi ces présences en même temps : rechargez la feuille.")
        ) from error
    Attendance.objects.bulk_update(changed, ["status", "version", "updated_by", "updated_at"])
    count = len(created) + len(changed)
    if count:  # the same sheet sent again changes nothing and says nothing
        record(actor, "panels.record_attendance", session, summary=ngettext(
            "Présences saisies : %(count)d personne", "Présences saisies : %(count)d personnes",
            count,
        ) % {"count": count})  # fmt: skip
    session.recorded_count = session.attendances.count()
    session.present_count = session.attendances.filter(status=Attendance.Status.PRESENT).count()
    session.save(update_fields=["recorded_count", "present_count"])
    return session

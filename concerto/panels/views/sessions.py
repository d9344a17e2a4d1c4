"""The drawn panel's life, organiser side: member list, sessions and attendance sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.formerrors import add_errors
from concerto.panels import sessions as actions
from concerto.panels.forms import SessionForm
from concerto.panels.models import Attendance, PoolMember
from concerto.panels.views.organiser import _breadcrumb, _panel
from concerto.staffaccess import record_staff_access


@require_safe
@login_required
def members(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    rows = list(
        panel.pool.exclude(status=PoolMember.Status.POOL)
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
            recorded=Count("attendances"),
        )
        # In drawing order: a grouped query has no order of its own on PostgreSQL.
        .order_by("pk")
    )
    if rows:
        record_staff_access(request, "membres de panel", panel)
    context = {
        "panel": panel,
        "process": panel.process,
        "rows": rows,
        "categories": [c.name for c in panel.categories.all()],
        "breadcrumb": _breadcrumb(panel.process, _("Membres du panel"), panel),
    }
    return render(request, "panels/organiser/members.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def session_list(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = actions.plan_session(panel, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Séance « %(title)s » planifiée.") % {
                "title": session.title})  # fmt: skip
            return redirect(reverse("panels:sessions", args=[pk, panel.pk]))
    context = {
        "panel": panel,
        "process": panel.process,
        "form": form,
        "sessions": panel.sessions.all(),
        "breadcrumb": _breadcrumb(panel.process, _("Séances"), panel),
    }
    return render(request, "panels/organiser/sessions.html", context)


def _posted_marks(post) -> dict[int, tuple[str, int]]:
    """{member id: (status, version seen)} for the rows given a mark on the sheet."""
    marks = {}
    for name, status in post.items():
        if not name.startswith("status_") or not status:
            continue
        member_id = name.removeprefix("status_")
        version = post.get(f"version_{member_id}", "0")
        if member_id.isdigit() and version.isdigit():
            marks[int(member_id)] = (status, int(version))
    return marks


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, pk: int, panel_id: int, session_id: int):
    panel = _panel(request, pk, panel_id)
    session = get_object_or_404(panel.sessions, pk=session_id)
    session.panel = panel
    errors = []
    posted = {}
    if request.method == "POST":
        posted = _posted_marks(request.POST)
        try:
            actions.record_attendance(session, actor=request.user, marks=posted)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Présences enregistrées."))
            return redirect(reverse("panels:attendance", args=[pk, panel.pk, session.pk]))
    record_staff_access(request, "présences de panel", session)
    session.refresh_from_db()
    sheet = [
        {
            "member": member,
            "mark": mark,
            # After a refused save, what this editor chose stays on screen.
            "chosen": posted.get(member.pk, (mark.status if mark else "", 0))[0],
            "version": mark.version if mark else 0,
        }
        for member, mark in actions.attendance_sheet(session)
    ]
    context = {
        "panel": panel,
        "process": panel.process,
        "session": session,
        "sheet": sheet,
        "statuses": Attendance.Status.choices,
        "errors": errors,
        "breadcrumb": _breadcrumb(panel.process, session.title, panel),
    }
    return render(request, "panels/organiser/attendance.html", context)

"""The trainer's and the CIPC's side of a session: who registered, attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.downloads import csv_download
from concerto.staffaccess import record_staff_access
from concerto.trainings import actions
from concerto.trainings.abilities import session_abilities
from concerto.trainings.forms import AttendanceForm
from concerto.trainings.models import Registration, Session


def _session_run_by(request, pk: int) -> tuple[Session, dict]:
    session = get_object_or_404(Session.objects.select_related("training", "trainer"), pk=pk)
    abilities = session_abilities(session, request.user)
    if not abilities["view_registrations"]:
        raise PermissionDenied
    return session, abilities


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, pk: int):
    session, abilities = _session_run_by(request, pk)
    registrations = list(session.registrations.select_related("user").order_by("queued_at", "pk"))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waiting = [r for r in registrations if r.status == Registration.Status.WAITING]
    initial = {"present": [str(r.user_id) for r in confirmed if r.attended]}
    form = AttendanceForm(request.POST or None, initial=initial, registrations=confirmed)
    if request.method == "POST":
        if not abilities["take_attendance"]:
            raise PermissionDenied
        if form.is_valid():
            actions.take_attendance(
                session, actor=request.user, present_ids=form.cleaned_data["present"]
            )
            messages.success(request, _("Émargement enregistré."))
            return redirect("trainings:attendance", pk=pk)
    context = {
        "session": session,
        "abilities": abilities,
        "confirmed": confirmed,
        "waiting": waiting,
        "form": form,
    }
    return render(request, "trainings/attendance.html", context)


CSV_HEADER = ["nom", "adresse_electronique", "organisations", "inscription", "rang_attente",
              "inscrit_le", "present"]  # fmt: skip


@require_safe
@login_required
def registrations_csv(request, pk: int):
    """The session's registrations, seated then waiting in their order, for the trainer's
    sign-in sheet and the CIPC's follow-up: personal data, so the download is logged."""
    session, _abilities = _session_run_by(request, pk)
    record_staff_access(request, _("Inscrits à une session de formation"), session)
    registrations = (
        session.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .prefetch_related("user__memberships__organisation")
        .order_by("status", "queued_at", "pk")  # "confirmed" sorts before "waiting"
    )
    presence = {True: _("oui"), False: _("non"), None: ""}
    rows, waiting_rank = [], 0
    for registration in registrations:
        user = registration.user
        waiting = registration.status == Registration.Status.WAITING
        waiting_rank += waiting
        rows.append([
            user.get_full_name(), user.email,
            " ; ".join(sorted({str(m.organisation) for m in user.memberships.all()})),
            registration.get_status_display(), waiting_rank if waiting else "",
            f"{timezone.localtime(registration.queued_at):%Y-%m-%d}",
            presence[registration.attended],
        ])  # fmt: skip
    return csv_download(f"inscrits-session-{session.pk}.csv", CSV_HEADER, rows)

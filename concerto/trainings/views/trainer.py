"""The trainer's and the CIPC's side of a session: who registered, attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.trainings import actions
from concerto.trainings.abilities import session_abilities
from concerto.trainings.forms import AttendanceForm
from concerto.trainings.models import Registration, Session


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("training", "trainer"), pk=pk)
    abilities = session_abilities(session, request.user)
    if not abilities["view_registrations"]:
        raise PermissionDenied
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

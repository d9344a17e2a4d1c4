"""Network meetings: the CIPC schedules them, writes and publishes the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.formerrors import add_errors, flash_errors
from concerto.network import actions
from concerto.network.abilities import meeting_abilities, network_abilities
from concerto.network.forms import MeetingActionForm, MeetingForm, MinutesForm
from concerto.network.models import NetworkMeeting


@require_safe
@login_required
def meeting_list(request):
    abilities = network_abilities(request.user)
    if not abilities["view_meetings"]:
        raise PermissionDenied
    meetings = NetworkMeeting.objects.all()
    return render(request, "network/meetings.html", {"meetings": meetings, "abilities": abilities})


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request):
    if not network_abilities(request.user)["manage_meetings"]:
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = actions.schedule_meeting(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Réunion programmée ; les référents sont invités."))
        return redirect("network:meeting", pk=meeting.pk)
    return render(request, "network/meeting_form.html", {"form": form})


def _meeting_for(request, pk: int):
    meeting = get_object_or_404(NetworkMeeting, pk=pk)
    abilities = meeting_abilities(meeting, request.user)
    if not abilities["view"]:
        raise PermissionDenied
    return meeting, abilities


def _render_meeting(request, meeting, abilities, minutes_form=None, action_form=None):
    initial = {
        "minutes": meeting.minutes,
        "decisions": "\n".join(d.text for d in meeting.decisions.all()),
        "present": [str(a.user_id) for a in meeting.attendances.all() if a.present],
    }
    context = {
        "meeting": meeting,
        "abilities": abilities,
        "attendances": meeting.attendances.select_related("user"),
        "decisions": meeting.decisions.all(),
        "follow_ups": meeting.actions.select_related("owner"),
        "minutes_form": minutes_form or MinutesForm(initial=initial, meeting=meeting),
        "action_form": action_form or MeetingActionForm(meeting=meeting),
    }
    return render(request, "network/meeting.html", context)


@require_safe
@login_required
def meeting(request, pk: int):
    meeting, abilities = _meeting_for(request, pk)
    return _render_meeting(request, meeting, abilities)


@require_POST
@login_required
def minutes(request, pk: int):
    meeting, abilities = _meeting_for(request, pk)
    form = MinutesForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            actions.record_minutes(
                meeting,
                actor=request.user,
                minutes=form.cleaned_data["minutes"],
                decisions=form.cleaned_data["decisions"].splitlines(),
                present_ids=form.cleaned_data["present"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Compte rendu enregistré."))
            return redirect("network:meeting", pk=pk)
    return _render_meeting(request, meeting, abilities, minutes_form=form)


@require_POST
@login_required
def add_action(request, pk: int):
    meeting, abilities = _meeting_for(request, pk)
    form = MeetingActionForm(request.POST, meeting=meeting)
    if form.is_valid():
        actions.add_meeting_action(meeting, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Action de suivi ajoutée."))
        return redirect("network:meeting", pk=pk)
    return _render_meeting(request, meeting, abilities, action_form=form)


@require_POST
@login_required
def publish(request, pk: int):
    meeting, _abilities = _meeting_for(request, pk)
    try:
        actions.publish_minutes(meeting, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Compte rendu publié au réseau des référents."))
    return redirect("network:meeting", pk=pk)

"""Public meeting pages: the module's meetings, one meeting with registration, calendars."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concerto.meetings import actions, ical
from concerto.meetings.kind import MEETINGS
from concerto.meetings.models import Meeting, Registration
from concerto.meetings.views.common import meeting_in
from concerto.participation.models import Contribution
from concerto.participation.views.common import module_for
from concerto.uploads.responses import upload_response


def _breadcrumb(module, current: str, meeting: Meeting | None = None) -> dict:
    links = [
        {"url": reverse("processes:public_list"), "title": _("Dispositifs")},
        {"url": module.process.get_absolute_url(), "title": module.process.title},
    ]
    if meeting is not None:
        links.append({"url": module.get_absolute_url(), "title": module.title})
    return {"id": "breadcrumb", "links": links, "current": current}


@require_safe
def module_page(request, slug: str, module_id: int):
    module, abilities = module_for(request, slug, module_id, MEETINGS)
    meetings = module.meetings.with_counts()
    mine = {}
    if request.user.is_authenticated:
        mine = dict(
            Registration.objects.filter(meeting__module=module, user=request.user)
            .exclude(status=Registration.Status.CANCELLED)
            .values_list("meeting_id", "status")
        )
    upcoming = list(meetings.upcoming())
    for meeting in upcoming:
        meeting.my_status = mine.get(meeting.pk, "")
    context = {
        "module": module,
        "process": module.process,
        "abilities": abilities,
        "upcoming": upcoming,
        "past": list(meetings.past()),
        "breadcrumb": _breadcrumb(module, module.title),
    }
    return render(request, "meetings/module.html", context)


def _public_meeting(request, slug: str, module_id: int, meeting_id: int):
    module, abilities = module_for(request, slug, module_id, MEETINGS)
    return meeting_in(module, meeting_id, Meeting.objects.with_counts()), abilities


@require_safe
def meeting_page(request, slug: str, module_id: int, meeting_id: int):
    meeting, abilities = _public_meeting(request, slug, module_id, meeting_id)
    registration = None
    if request.user.is_authenticated:
        registration = meeting.registrations.filter(user=request.user).first()
    contributions = []
    if meeting.report_is_public:
        contributions = (
            Contribution.objects.published()
            .filter(meeting_link__meeting=meeting)
            .select_related("theme")
            .order_by("pk")
        )
    context = {
        "meeting": meeting,
        "module": meeting.module,
        "abilities": abilities,
        "registration": registration,
        "registered": registration is not None
        and registration.status != Registration.Status.CANCELLED,
        "position": registration.waiting_position() if registration else None,
        "full": meeting.seats_left == 0,
        "contributions": contributions,
        "breadcrumb": _breadcrumb(meeting.module, meeting.title, meeting),
    }
    return render(request, "meetings/meeting.html", context)


@require_POST
def register(request, slug: str, module_id: int, meeting_id: int):
    meeting, _abilities = _public_meeting(request, slug, module_id, meeting_id)
    if not request.user.is_authenticated:
        return redirect_to_login(meeting.get_absolute_url())
    try:
        registration = actions.register(meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("Les inscriptions à cette réunion ne vous sont pas ouvertes."))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Votre inscription est confirmée."))
        else:
            messages.info(
                request,
                _(
                    "La réunion est complète : vous êtes sur liste d'attente, en position "
                    "%(position)d. Vous serez prévenu si une place se libère."
                )
                % {"position": registration.waiting_position()},
            )
    return redirect(meeting.get_absolute_url())


@require_POST
def cancel(request, slug: str, module_id: int, meeting_id: int):
    meeting, _abilities = _public_meeting(request, slug, module_id, meeting_id)
    if not request.user.is_authenticated:
        return redirect_to_login(meeting.get_absolute_url())
    try:
        actions.cancel_registration(meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Votre inscription est annulée."))
    return redirect(meeting.get_absolute_url())


def _event(meeting: Meeting) -> ical.Event:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return ical.Event(
        uid=f"reunion-{meeting.pk}@{host}",
        stamp=meeting.updated_at,
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=meeting.title,
        description=meeting.description,
        location=meeting.place,
        url=settings.SITE_URL.rstrip("/") + meeting.get_absolute_url(),
    )


def _calendar_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def meeting_ical(request, slug: str, module_id: int, meeting_id: int):
    meeting, _abilities = _public_meeting(request, slug, module_id, meeting_id)
    return _calendar_response(ical.calendar([_event(meeting)]), f"reunion-{meeting.pk}.ics")


@require_safe
def module_ical(request, slug: str, module_id: int):
    module, _abilities = module_for(request, slug, module_id, MEETINGS)
    meetings = module.meetings.order_by("starts_at", "pk")
    for meeting in meetings:
        meeting.module = module
    body = ical.calendar([_event(meeting) for meeting in meetings], name=module.title)
    return _calendar_response(body, f"reunions-{module.pk}.ics")


@require_safe
def report_file(request, slug: str, module_id: int, meeting_id: int):
    meeting, _abilities = _public_meeting(request, slug, module_id, meeting_id)
    if not (meeting.report_is_public and meeting.report_file):
        raise Http404
    name = meeting.report_file.name.rsplit("/", 1)[-1]
    return upload_response(meeting.report_file, name)

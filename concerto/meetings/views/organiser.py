"""The organiser's side: schedule meetings, see who registered, enter the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.formerrors import add_errors
from concerto.meetings import actions
from concerto.meetings.forms import MeetingForm, ReportContributionForm, ReportForm
from concerto.meetings.models import Registration
from concerto.meetings.views.common import meeting_in, organiser_module
from concerto.participation.models import Contribution
from concerto.staffaccess import record_staff_access


def _manage_url(module) -> str:
    return reverse("meetings:manage", kwargs={"pk": module.process_id, "module_id": module.pk})


def _breadcrumb(module, current: str, *, inner: bool = True) -> dict:
    links = [
        {"url": reverse("processes:workspace_list"), "title": _("Mes dispositifs")},
        {"url": module.process.get_workspace_url(), "title": module.process.title},
        {
            "url": reverse("participation:modules", kwargs={"pk": module.process_id}),
            "title": _("Modules de participation"),
        },
    ]
    if inner:
        links.append({"url": _manage_url(module), "title": module.title})
    return {"id": "breadcrumb", "links": links, "current": current}


@require_safe
@login_required
def manage(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    meetings = module.meetings.with_counts().order_by("starts_at", "pk")
    context = {
        "module": module,
        "meetings": meetings,
        "breadcrumb": _breadcrumb(module, module.title, inner=False),
    }
    return render(request, "meetings/organiser/manage.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def create(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_meeting(module, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("La réunion est programmée et publiée."))
            return redirect(_manage_url(module))
    context = {
        "module": module,
        "form": form,
        "title": _("Programmer une réunion"),
        "breadcrumb": _breadcrumb(module, _("Programmer une réunion")),
    }
    return render(request, "meetings/organiser/meeting_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk: int, module_id: int, meeting_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    meeting = meeting_in(module, meeting_id)
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_meeting(meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("La réunion est modifiée."))
            return redirect(_manage_url(module))
    registrations = (
        meeting.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "created_at", "pk")
    )
    record_staff_access(request, "inscrits à une réunion", meeting)
    context = {
        "module": module,
        "meeting": meeting,
        "form": form,
        "title": meeting.title,
        "registrations": registrations,
        "breadcrumb": _breadcrumb(module, meeting.title),
    }
    return render(request, "meetings/organiser/meeting_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def report(request, pk: int, module_id: int, meeting_id: int):
    """Two forms on one page: the report itself, and the points raised, each entered
    as a contribution of the module."""
    module, abilities = organiser_module(request, pk, module_id)
    meeting = meeting_in(module, meeting_id)
    posted = request.POST.get("form") if request.method == "POST" else None
    report_form = ReportForm(
        request.POST if posted == "report" else None,
        request.FILES if posted == "report" else None,
        meeting=meeting,
    )
    point_form = ReportContributionForm(
        request.POST if posted == "contribution" else None, process=module.process
    )
    here = reverse(
        "meetings:report", kwargs={"pk": pk, "module_id": module.pk, "meeting_id": meeting.pk}
    )
    if posted == "report" and report_form.is_valid():
        try:
            actions.save_report(meeting, actor=request.user, **report_form.cleaned_data)
        except ValidationError as error:
            add_errors(report_form, error)
        else:
            messages.success(request, _("Le compte rendu est enregistré et publié."))
            return redirect(here)
    if posted == "contribution" and point_form.is_valid():
        try:
            _contribution, created = actions.add_report_contribution(
                meeting, actor=request.user, **point_form.cleaned_data
            )
        except ValidationError as error:
            add_errors(point_form, error, aliases={"pseudonym": "speaker"})
        else:
            if created:
                messages.success(request, _("La contribution est enregistrée et publiée."))
            else:
                messages.info(request, _("Cette contribution était déjà enregistrée."))
            return redirect(here + "#contributions")
    contributions = (
        Contribution.objects.filter(meeting_link__meeting=meeting)
        .select_related("theme")
        .order_by("pk")
    )
    context = {
        "module": module,
        "meeting": meeting,
        "report_form": report_form,
        "point_form": point_form,
        "contributions": contributions,
        "started": meeting.has_started(),
        "breadcrumb": _breadcrumb(module, _("Compte rendu : %(title)s") % {"title": meeting.title}),
    }
    return render(request, "meetings/organiser/report.html", context)

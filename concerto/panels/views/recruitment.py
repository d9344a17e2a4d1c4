"""Recruitment, organiser side: categories, invitation batches and their mail-merge file."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.downloads import csv_download
from concerto.formerrors import add_errors
from concerto.jobs.views import owned_job
from concerto.panels import recruitment
from concerto.panels.forms import CategoriesForm, InvitationBatchForm
from concerto.panels.views.organiser import _breadcrumb, _panel
from concerto.siteurl import absolute_url
from concerto.staffaccess import record_staff_access


@require_http_methods(["GET", "POST"])
@login_required
def recruitment_page(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    form = InvitationBatchForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = recruitment.start_invitation_import(
                panel, actor=request.user, label=data["label"], channel=data["channel"],
                data=data["file"], filename=request.FILES["file"].name,
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            url = reverse("panels:recruitment", args=[pk, panel.pk])
            query = urlencode({"tache": job.id, "lot": data["label"]})
            return redirect(f"{url}?{query}#job")
    job = owned_job(request, request.GET.get("tache", ""))
    if request.method == "GET" and job is not None and job.status == job.Status.REFUSED:
        # The file is refused: the batch's name stays typed in for the corrected file.
        form = InvitationBatchForm(initial={"label": request.GET.get("lot", "")[:100]})
    context = {
        "panel": panel,
        "process": panel.process,
        "form": form,
        "job": job,
        "categories": panel.categories.all(),
        "batches": panel.invitation_batches.all(),
        "registration_url": absolute_url(panel.get_registration_url()),
        "breadcrumb": _breadcrumb(panel.process, _("Recrutement"), panel),
    }
    return render(request, "panels/organiser/recruitment.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def categories(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    initial = {"categories": CategoriesForm.as_text(panel.categories.all())}
    form = CategoriesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            recruitment.define_categories(
                panel, actor=request.user, categories=form.cleaned_data["categories"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Les catégories sont enregistrées."))
            return redirect(reverse("panels:recruitment", args=[pk, panel.pk]))
    context = {
        "panel": panel,
        "form": form,
        "title": _("Catégories du panel"),
        "button": _("Enregistrer les catégories"),
        "breadcrumb": _breadcrumb(panel.process, _("Catégories"), panel),
    }
    return render(request, "panels/organiser/edit.html", context)


@require_safe
@login_required
def export_invitations(request, pk: int, panel_id: int, batch_id: int):
    """The mail-merge file: contact, code and registration address, for the batch's letters."""
    panel = _panel(request, pk, panel_id)
    batch = get_object_or_404(panel.invitation_batches, pk=batch_id)
    record_staff_access(request, "invitations de panel", batch)
    url = absolute_url(panel.get_registration_url())
    return csv_download(
        f"panel-{panel.pk}-invitations-{batch.pk}.csv",
        ["contact", "code", "adresse_inscription"],
        (
            [invitation.contact, invitation.formatted_code, url]
            for invitation in batch.invitations.all()
        ),
    )

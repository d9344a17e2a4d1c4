"""Organisers import a process's contributions from another platform's export."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.jobs.progress import start_job
from concerto.jobs.views import owned_job
from concerto.opendata.forms import PlatformImportForm
from concerto.opendata.imports import jobs
from concerto.participation.views.common import organiser_module_for


@require_http_methods(["GET", "POST"])
@login_required
def platform_import(request, pk: int, module_id: int):
    """The export is read and stored by a background job; this page shows its progress
    (`?tache=<job>`), then the report it recorded (`?compte-rendu=<run>`)."""
    module, _abilities = organiser_module_for(request, pk, module_id)
    form = PlatformImportForm(request.POST or None, request.FILES or None)
    url = reverse("opendata:import", kwargs={"pk": pk, "module_id": module_id})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = start_job(
            jobs.import_platform_file, owner=request.user,
            label=_("Import de %(file)s") % {"file": upload.name},
            upload=(upload.name, upload.read()), module_id=module.pk, actor_id=request.user.pk,
            source=form.cleaned_data["source"], encoding=form.cleaned_data["encoding"],
        )  # fmt: skip
        return redirect(f"{url}?tache={job.id}#job")
    job = owned_job(request, request.GET.get("tache", ""))
    if job is not None and job.status == job.Status.SUCCEEDED and job.result_url:
        return redirect(job.result_url)
    run = None
    run_id = request.GET.get("compte-rendu", "")
    if run_id.isdigit():
        run = module.platform_imports.filter(pk=int(run_id)).first()
    context = {
        "module": module,
        "form": form,
        "job": job,
        "run": run,
        "runs": module.platform_imports.select_related("actor")[:10],
        "breadcrumb": {
            "id": "breadcrumb",
            "links": [
                {"url": reverse("processes:workspace_list"), "title": _("Mes dispositifs")},
                {"url": module.process.get_workspace_url(), "title": module.process.title},
                {
                    "url": reverse("participation:modules", kwargs={"pk": module.process_id}),
                    "title": _("Modules de participation"),
                },
            ],
            "current": _("Importer depuis une autre plateforme"),
        },
    }
    return render(request, "opendata/import.html", context)

"""Organisers import a process's contributions from another platform's export."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.opendata.forms import PlatformImportForm
from concerto.opendata.imports import capcollectif, decidim
from concerto.opendata.imports.actions import import_contributions
from concerto.opendata.models import ImportRun
from concerto.participation.views.common import organiser_module_for


def parse_upload(source: str, data: bytes, encoding: str):
    if source == ImportRun.Source.DECIDIM:
        return decidim.parse(data)
    return capcollectif.parse(data, encoding)


@require_http_methods(["GET", "POST"])
@login_required
def platform_import(request, pk: int, module_id: int):
    module, _abilities = organiser_module_for(request, pk, module_id)
    form = PlatformImportForm(request.POST or None, request.FILES or None)
    url = reverse("opendata:import", kwargs={"pk": pk, "module_id": module_id})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = parse_upload(form.cleaned_data["source"], upload.read(),
                              form.cleaned_data["encoding"])  # fmt: skip
        import_contributions(module, actor=request.user, parsed=parsed, filename=upload.name)
        run = module.platform_imports.order_by("-pk").first()
        return redirect(f"{url}?compte-rendu={run.pk}#compte-rendu")
    run = None
    run_id = request.GET.get("compte-rendu", "")
    if run_id.isdigit():
        run = module.platform_imports.filter(pk=int(run_id)).first()
    context = {
        "module": module,
        "form": form,
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

"""Organisers type in or import contributions that arrived offline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.formerrors import add_errors
from concerto.jobs.progress import start_job
from concerto.jobs.views import owned_job
from concerto.participation import offline, tasks
from concerto.participation.models import Channel, Module
from concerto.participation.views.common import organiser_module_for


def _managed_module(request, pk: int, module_id: int) -> Module:
    return organiser_module_for(request, pk, module_id)[0]


def _breadcrumb(module: Module, current: str, *, with_entry: bool = False) -> dict:
    links = [
        {"url": reverse("processes:workspace_list"), "title": _("Mes dispositifs")},
        {"url": module.process.get_workspace_url(), "title": module.process.title},
        {
            "url": reverse("participation:modules", kwargs={"pk": module.process_id}),
            "title": _("Modules de participation"),
        },
    ]
    if with_entry:
        links.append({"url": _entry_url(module), "title": _("Contributions hors ligne")})
    return {"id": "breadcrumb", "links": links, "current": current}


def _entry_url(module: Module) -> str:
    return reverse(
        "participation:offline", kwargs={"pk": module.process_id, "module_id": module.pk}
    )


@require_http_methods(["GET", "POST"])
@login_required
def enter(request, pk: int, module_id: int):
    module = _managed_module(request, pk, module_id)
    form = offline.OfflineEntryForm(request.POST or None, module=module)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contribution, created = offline.enter_offline_contribution(
                module, actor=request.user, channel=data["channel"],
                received_on=data["received_on"], body=data["body"],
                idempotency_key=data["idempotency_key"], author=data["author"],
                title=data["title"], theme=data["theme"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error, aliases={"pseudonym": "author"})
        else:
            if created:
                messages.success(
                    request,
                    _("Contribution enregistrée et publiée (canal : %(channel)s).")
                    % {"channel": contribution.get_channel_display()},
                )
            else:
                messages.info(request, _("Cette contribution était déjà enregistrée."))
            return redirect(_entry_url(module))
    offline_contributions = module.contributions.exclude(channel=Channel.ONLINE)
    counts = dict(
        offline_contributions.values_list("channel").annotate(count=Count("pk")).order_by()
    )
    context = {
        "module": module,
        "form": form,
        "counts": [(label, counts.get(value, 0)) for value, label in _offline_channels()],
        "total": sum(counts.values()),
        "recent": offline_contributions.select_related("theme", "entered_by").order_by("-pk")[:20],
        "breadcrumb": _breadcrumb(module, _("Contributions hors ligne")),
    }
    return render(request, "participation/offline/enter.html", context)


def _offline_channels():
    return [(channel.value, channel.label) for channel in offline.OFFLINE_CHANNELS]


@require_http_methods(["GET", "POST"])
@login_required
def import_csv(request, pk: int, module_id: int):
    """The file is checked and stored by a background job; this page then shows the
    job's progress and, once it is finished, its outcome (`?tache=<job>`)."""
    module = _managed_module(request, pk, module_id)
    form = offline.ImportForm(request.POST or None, request.FILES or None)
    url = reverse("participation:offline_import", kwargs={"pk": pk, "module_id": module_id})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = start_job(
            tasks.import_offline_file, owner=request.user,
            label=_("Import de %(file)s") % {"file": upload.name},
            upload=(upload.name, upload.read()), module_id=module.pk, actor_id=request.user.pk,
        )  # fmt: skip
        return redirect(f"{url}?tache={job.id}#job")
    context = {
        "module": module,
        "form": form,
        "job": owned_job(request, request.GET.get("tache", "")),
        "columns": offline.COLUMNS,
        "breadcrumb": _breadcrumb(module, _("Importer un fichier CSV"), with_entry=True),
    }
    return render(request, "participation/offline/import.html", context)

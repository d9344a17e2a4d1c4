"""Organisers' page: seed statements, moderation, recomputation, exports, Polis import."""

import csv
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.downloads import csv_download
from concerto.engines import opinions
from concerto.formerrors import add_errors
from concerto.opinionmaps import actions, exports, queries
from concerto.opinionmaps.forms import PolisImportForm, SeedForm
from concerto.opinionmaps.models import Statement
from concerto.opinionmaps.views.common import manage_url, organiser_breadcrumb, organiser_module


def _render_manage(request, module, abilities, seed_form=None, import_form=None, status=200):
    statements = Statement.objects.filter(module=module).order_by("position", "pk")
    context = {
        "module": module,
        "abilities": abilities,
        "pending": [s for s in statements if s.status == Statement.Status.PENDING],
        "statements": [s for s in statements if s.status != Statement.Status.PENDING],
        "result": queries.latest_map(module),
        "seed_form": seed_form or SeedForm(),
        "import_form": import_form or PolisImportForm(),
        "breadcrumb": organiser_breadcrumb(module, module.title),
    }
    return render(request, "opinionmaps/manage.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def manage(request, pk: int, module_id: int):
    """The statements and the map; POST adds a seed statement."""
    module, abilities = organiser_module(request, pk, module_id)
    if request.method == "GET":
        return _render_manage(request, module, abilities)
    form = SeedForm(request.POST)
    if form.is_valid():
        try:
            actions.add_seed_statement(module, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("L'énoncé est ajouté et ouvert au vote."))
            return redirect(manage_url(module) + "#enonces")
    return _render_manage(request, module, abilities, seed_form=form, status=400)


@require_POST
@login_required
def moderate(request, pk: int, module_id: int, statement_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    statement = get_object_or_404(Statement, pk=statement_id, module=module)
    accept = request.POST.get("decision") == "accept"
    actions.moderate_statement(statement, actor=request.user, accept=accept)
    messages.success(
        request,
        _("L'énoncé est accepté et ouvert au vote.") if accept else _("L'énoncé est refusé."),
    )
    return redirect(manage_url(module) + "#a-moderer")


@require_POST
@login_required
def recompute(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    if not abilities["manage"]:
        raise PermissionDenied
    job = actions.request_recompute(module, actor=request.user)
    return redirect(reverse("jobs:detail", kwargs={"job_id": job.pk}))


@require_safe
@login_required
def export_votes(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    if not abilities["export"]:
        raise PermissionDenied
    rows = exports.vote_rows(module)
    return csv_download(f"carte-{module.pk}-votes.csv", exports.VOTES_HEADER, rows)


@require_safe
@login_required
def export_results(request, pk: int, module_id: int):
    module, abilities = organiser_module(request, pk, module_id)
    if not abilities["export"]:
        raise PermissionDenied
    rows = exports.result_rows(module, queries.latest_map(module))
    return csv_download(f"carte-{module.pk}-resultats.csv", exports.RESULTS_HEADER, rows)


@require_POST
@login_required
def import_polis(request, pk: int, module_id: int):
    """Import a Polis conversation from its comments.csv and votes.csv files."""
    module, abilities = organiser_module(request, pk, module_id)
    if not abilities["manage"]:
        raise PermissionDenied
    form = PolisImportForm(request.POST, request.FILES)
    if form.is_valid():
        with tempfile.TemporaryDirectory() as folder:
            for name in ("comments", "votes"):
                with open(Path(folder) / f"{name}.csv", "wb") as out:
                    for chunk in form.cleaned_data[name].chunks():
                        out.write(chunk)
            try:
                export = opinions.load_polis_export(folder)
            except (opinions.OpinionsError, KeyError, ValueError, UnicodeDecodeError, csv.Error):
                form.add_error(None, _("Ces fichiers ne sont pas un export Polis lisible."))
            else:
                n_statements, n_votes = actions.import_polis(module, export, actor=request.user)
                messages.success(
                    request,
                    _("Import terminé : %(s)d énoncés et %(v)d votes.")
                    % {"s": n_statements, "v": n_votes},
                )
                return redirect(manage_url(module))
    return _render_manage(request, module, abilities, import_form=form, status=400)

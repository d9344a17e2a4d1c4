"""The CIPC's State-wide registry: every process of every ministry, counts and CSV export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from concerto.accounts.policy import is_cipc
from concerto.downloads import csv_download
from concerto.pagination import paginate
from concerto.processes.exports import (
    COLUMNS,
    csv_row,
    registry_entries,
    registry_queryset,
    status_counts,
)
from concerto.processes.filters import RegistryFilterForm

PAGE_SIZE = 50


def _require_registry_access(user) -> None:
    """CIPC advisors and administrators only."""
    if not is_cipc(user):
        raise PermissionDenied


@require_safe
@login_required
def registry(request):
    _require_registry_access(request.user)
    form = RegistryFilterForm(request.GET)
    processes = form.filter(registry_queryset())
    page_obj = paginate(request, processes, PAGE_SIZE)
    filters = request.GET.copy()
    filters.pop("page", None)
    context = {
        "form": form,
        "page_obj": page_obj,
        "entries": registry_entries(page_obj),
        "counts": status_counts(processes),
        "export_query": filters.urlencode(),
    }
    return render(request, "processes/registry/registry.html", context)


@require_safe
@login_required
def export(request):
    _require_registry_access(request.user)
    form = RegistryFilterForm(request.GET)
    entries = registry_entries(form.filter(registry_queryset()))
    filename = f"dispositifs-{timezone.localdate().isoformat()}.csv"
    return csv_download(filename, COLUMNS, (csv_row(entry) for entry in entries))

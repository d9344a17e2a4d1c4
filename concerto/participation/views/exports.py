from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from concerto.downloads import csv_download
from concerto.participation.exports import COLUMNS, contribution_rows
from concerto.participation.models import Module
from concerto.processes.views.common import process_for
from concerto.staffaccess import record_staff_access


@require_safe
@login_required
def module_csv(request, pk: int, module_id: int):
    """Every contribution of a module as CSV, streamed in constant memory."""
    process, _abilities = process_for(request, pk, "view_workspace")
    module = get_object_or_404(Module, pk=module_id, process=process)
    if not module.get_abilities(request.user)["export"]:
        raise PermissionDenied
    record_staff_access(request, "export des contributions", module)
    filename = f"{process.slug}-module-{module.pk}-{timezone.localdate().isoformat()}.csv"
    return csv_download(filename, COLUMNS, contribution_rows(module))

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.processes.models import Process


def process_for(request, pk: int, ability: str) -> tuple[Process, dict[str, bool]]:
    """The process if the user may see it (else 404) and do `ability` on it (else 403)."""
    queryset = Process.objects.visible_to(request.user).select_related(
        "ministry", "directorate", "sponsor", "project_lead", "referral__version",
        "referral__advisor", "referral__opinion",
    )  # fmt: skip
    process = get_object_or_404(queryset, pk=pk)
    abilities = process.get_abilities(request.user)
    if not abilities["view_workspace"]:
        raise Http404
    if not abilities[ability]:
        raise PermissionDenied
    return process, abilities

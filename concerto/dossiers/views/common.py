from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.dossiers.kind import DOSSIER
from concerto.participation.models import Module


def managed_module(request, pk: int, module_id: int) -> Module:
    """The dossier module of process `pk` if the user may see it (else 404) and manage it
    (else 403)."""
    module = get_object_or_404(
        Module.objects.select_related("process__ministry"),
        pk=module_id,
        process_id=pk,
        kind=DOSSIER,
    )
    abilities = module.get_abilities(request.user)
    if not abilities["view"]:
        raise Http404
    if not abilities["manage"]:
        raise PermissionDenied
    return module

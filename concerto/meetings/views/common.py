from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.meetings.models import Meeting
from concerto.participation.models import Module, ModuleKind


def organiser_module(request, pk: int, module_id: int) -> tuple[Module, dict]:
    """The meetings module `module_id` of process `pk`: 404 if it is not there or not
    visible to the user, 403 unless they manage it."""
    module = get_object_or_404(
        Module.objects.select_related("process__ministry"),
        pk=module_id,
        process_id=pk,
        kind=ModuleKind.MEETINGS,
    )
    abilities = module.get_abilities(request.user)
    if not abilities["view"]:
        raise Http404
    if not abilities["manage"]:
        raise PermissionDenied
    return module, abilities


def meeting_in(module: Module, meeting_id: int, queryset=None) -> Meeting:
    """Meeting `meeting_id` of `module`, or 404."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    meeting = get_object_or_404(queryset, pk=meeting_id, module=module)
    meeting.module = module
    return meeting

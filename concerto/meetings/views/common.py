from django.shortcuts import get_object_or_404

from concerto.meetings.kind import MEETINGS
from concerto.meetings.models import Meeting
from concerto.participation.models import Module
from concerto.participation.views.common import organiser_module_for


def organiser_module(request, pk: int, module_id: int) -> tuple[Module, dict]:
    """The meetings module `module_id` of process `pk`, for its organisers."""
    return organiser_module_for(request, pk, module_id, kind=MEETINGS)


def meeting_in(module: Module, meeting_id: int, queryset=None) -> Meeting:
    """Meeting `meeting_id` of `module`, or 404."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    meeting = get_object_or_404(queryset, pk=meeting_id, module=module)
    meeting.module = module
    return meeting

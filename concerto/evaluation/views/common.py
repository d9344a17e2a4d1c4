from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.evaluation.abilities import evaluation_abilities
from concerto.processes.models import Process


def evaluation_process(request, pk: int, ability: str = "view"):
    """The process and its evaluation abilities; 404 for anyone who may not `ability`
    (a process's existence is not revealed to an expert without access)."""
    process = get_object_or_404(
        Process.objects.select_related("ministry", "referral__opinion"), pk=pk
    )
    abilities = evaluation_abilities(process, request.user)
    if not abilities["view"] or not abilities[ability]:
        raise Http404
    return process, abilities

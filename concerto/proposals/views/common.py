from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.participation.models import Contribution, ContributionKind
from concerto.participation.views.common import module_for
from concerto.proposals.kind import PROPOSALS


def proposals_module(request, slug: str, module_id: int):
    return module_for(request, slug, module_id, PROPOSALS)


def proposal_or_404(module, proposal_id: int, *, withdrawn: bool = False) -> Contribution:
    """A proposal of `module` the public may read: published (merged ones included, their
    page sends readers on); hidden ones do not exist for the public, nor withdrawn ones
    unless `withdrawn` (the proposal's page says it was withdrawn)."""
    proposal = get_object_or_404(
        Contribution.objects.select_related("author", "theme", "merged_into"),
        pk=proposal_id,
        module=module,
        kind=ContributionKind.PROPOSAL,
    )
    shown = {Contribution.Status.PUBLISHED}
    if withdrawn:
        shown.add(Contribution.Status.WITHDRAWN)
    if proposal.status not in shown:
        raise Http404
    proposal.module = module  # already loaded with its process
    return proposal


def ask_pseudonym(request, module) -> bool:
    return not request.user.is_authenticated and module.allow_pseudonym


def author_of(request):
    return request.user if request.user.is_authenticated else None

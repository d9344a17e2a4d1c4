from django.core.exceptions import ValidationError
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


def show_errors(form, error: ValidationError) -> None:
    """An action's ValidationError on the form: next to the field it names when the form
    has it, at the top otherwise."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)

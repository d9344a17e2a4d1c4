"""Supporting a proposal and finding an argument useful: one per person, withdrawable."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from concerto.clientaddress import client_address
from concerto.participation.actions.common import RateLimited
from concerto.participation.models import Contribution, ContributionKind
from concerto.proposals import actions
from concerto.proposals.links import proposal_url
from concerto.proposals.views.common import proposal_or_404, proposals_module
from concerto.proposals.views.public import render_proposal

VOTE_RATE_LIMIT_MESSAGE = gettext_lazy(
    "Vous avez voté beaucoup de fois en peu de temps : patientez quelques minutes puis réessayez."
)
WITHDRAW = "retirer"


@require_POST
def support(request, slug: str, module_id: int, proposal_id: int):
    """Support the proposal, or withdraw one's support (`action=retirer`)."""
    module, abilities = proposals_module(request, slug, module_id)
    proposal = proposal_or_404(module, proposal_id)
    withdraw = request.POST.get("action") == WITHDRAW
    try:
        if withdraw:
            actions.withdraw_support(proposal, user=request.user, address=client_address(request))
            messages.success(request, _("Votre soutien est retiré."))
        else:
            actions.support_proposal(proposal, user=request.user, address=client_address(request))
            messages.success(request, _("Votre soutien est enregistré."))
    except RateLimited:
        return _rate_limited(request, module, abilities, proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{proposal_url(proposal)}#soutien")


@require_POST
def useful(request, slug: str, module_id: int, proposal_id: int, argument_id: int):
    """Find an argument useful, or withdraw that vote (`action=retirer`)."""
    module, abilities = proposals_module(request, slug, module_id)
    proposal = proposal_or_404(module, proposal_id)
    argument = get_object_or_404(
        Contribution.objects.published(),
        pk=argument_id,
        parent=proposal,
        kind=ContributionKind.ARGUMENT,
    )
    argument.module = module
    try:
        if request.POST.get("action") == WITHDRAW:
            actions.withdraw_useful_vote(
                argument, user=request.user, address=client_address(request)
            )
            messages.success(request, _("Votre vote « utile » est retiré."))
        else:
            actions.vote_useful(argument, user=request.user, address=client_address(request))
            messages.success(request, _("Votre vote « utile » est enregistré."))
    except RateLimited:
        return _rate_limited(request, module, abilities, proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{proposal_url(proposal)}#argument-{argument.pk}")


def _rate_limited(request, module, abilities, proposal):
    messages.error(request, VOTE_RATE_LIMIT_MESSAGE)
    return render_proposal(request, module, abilities, proposal, status=429)

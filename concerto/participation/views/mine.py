from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.formerrors import add_errors, flash_errors
from concerto.participation import actions, outcomes
from concerto.participation.forms import CorrectionForm, ProfileForm
from concerto.participation.models import Contribution, ContributionKind, ParticipantProfile


@require_safe
@login_required
def contributions(request):
    """All of the participant's contributions across processes, with what became of them
    (participation/outcomes.py: the follow-up's published answers covering each, or that
    an answer is still awaited)."""
    told = outcomes.registered()
    mine = (
        Contribution.objects.filter(author=request.user)
        .select_related("module__process")
        .order_by("-created_at")
    )
    for outcome in told:
        mine = outcome.annotate(mine)
    return render(request, "participation/mine.html", {"contributions": mine, "outcomes": told})


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, contribution_id: int):
    contribution = get_object_or_404(Contribution, pk=contribution_id, author=request.user)
    form = CorrectionForm(
        request.POST or None,
        initial={"title": contribution.title, "body": contribution.body},
        title_required=contribution.kind == ContributionKind.PROPOSAL,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_contribution(contribution, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Votre contribution est corrigée."))
            return redirect("participation:mine")
    return render(request, "participation/edit.html", {"form": form, "contribution": contribution})


@require_POST
@login_required
def withdraw(request, contribution_id: int):
    contribution = get_object_or_404(Contribution, pk=contribution_id, author=request.user)
    try:
        actions.withdraw_contribution(contribution, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Votre contribution est retirée."))
    return redirect("participation:mine")


@require_http_methods(["GET", "POST"])
@login_required
def profile(request):
    """Optional, consented profile answers, stored apart from contributions; erased at once."""
    existing = ParticipantProfile.objects.filter(user=request.user).first()
    if request.method == "POST" and request.POST.get("delete"):
        actions.erase_profile(request.user)
        messages.success(request, _("Vos réponses de profil sont supprimées."))
        return redirect("participation:profile")
    initial = {**existing.answers, "consent": True} if existing else {}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_profile(request.user, answers=form.answers())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Merci, vos réponses de profil sont enregistrées."))
            return redirect("participation:profile")
    return render(request, "participation/profile.html", {"form": form, "existing": existing})

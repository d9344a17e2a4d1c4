"""Directory of referents, ministerial action plans and the CIPC's overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.accounts.models import Organisation
from concerto.accounts.roles import OrganisationKind
from concerto.formerrors import add_errors
from concerto.network import actions
from concerto.network.abilities import network_abilities, plan_abilities
from concerto.network.forms import PlanActionForm, StrategyForm
from concerto.network.models import ActionPlan, PlanAction
from concerto.network.queries import completion, directory, plan_progress


@require_safe
@login_required
def index(request):
    abilities = network_abilities(request.user)
    if not abilities["view_directory"]:
        raise PermissionDenied
    plans = set(ActionPlan.objects.values_list("ministry_id", flat=True))
    context = {"entries": directory(), "abilities": abilities, "plans": plans}
    return render(request, "network/index.html", context)


def _plan_for(request, slug: str):
    ministry = get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.MINISTRY)
    abilities = plan_abilities(ministry, request.user)
    if not abilities["view"]:
        raise Http404
    plan = get_object_or_404(ActionPlan.objects.select_related("ministry"), ministry=ministry)
    return plan, abilities


@require_http_methods(["GET", "POST"])
@login_required
def plan(request, slug: str):
    plan, abilities = _plan_for(request, slug)
    form = StrategyForm(request.POST or None, initial={"strategy": plan.strategy})
    if request.method == "POST":
        if not abilities["edit"]:
            raise PermissionDenied
        if form.is_valid():
            actions.update_strategy(
                plan, actor=request.user, strategy=form.cleaned_data["strategy"]
            )
            messages.success(request, _("Stratégie enregistrée."))
            return redirect("network:plan", slug=slug)
    context = {
        "plan": plan,
        "abilities": abilities,
        "strategy_form": form,
        "actions": plan.actions.select_related("owner").prefetch_related("processes"),
    }
    return render(request, "network/plan.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def action_form(request, slug: str, action_id: int | None = None):
    plan, abilities = _plan_for(request, slug)
    if not abilities["edit"]:
        raise PermissionDenied
    action = None
    initial = {}
    if action_id is not None:
        action = get_object_or_404(PlanAction, plan=plan, pk=action_id)
        initial = {name: getattr(action, name) for name in actions.ACTION_FIELDS}
        initial["processes"] = list(action.processes.values_list("pk", flat=True))
        initial["version"] = action.version
    form = PlanActionForm(request.POST or None, initial=initial, ministry=plan.ministry)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = actions.save_plan_action(
                plan,
                actor=request.user,
                fields=data,
                processes=data["processes"],
                action=action,
                expected_version=data.get("version"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Action « %(title)s » enregistrée.") % {"title": saved.title}
            )
            return redirect("network:plan", slug=slug)
    context = {"plan": plan, "form": form, "action": action}
    return render(request, "network/action_form.html", context)


@require_safe
@login_required
def overview(request):
    if not network_abilities(request.user)["view_overview"]:
        raise PermissionDenied
    plans = list(plan_progress())
    for item in plans:
        item.completion = completion(item)
    return render(request, "network/overview.html", {"plans": plans})

"""The panel's recommendations: recorded by the organiser, answered by the sponsor in
the devoir de suite (followup `Answer`s, level « recommandation »)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concerto.followup.abilities import followup_abilities
from concerto.formerrors import add_errors
from concerto.panels import recommendations as actions
from concerto.panels.forms import RecommendationAnswerForm, RecommendationForm
from concerto.panels.models import Panel, Recommendation
from concerto.panels.views.organiser import _breadcrumb, _panel
from concerto.processes.views.common import process_for

ANSWER_FIELDS = ("status", "text", "reason", "new_date", "decision_url", "legal_reference",
                 "budget_line", "commitment")  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def recommendation_list(request, pk: int, panel_id: int):
    panel = _panel(request, pk, panel_id)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = actions.add_recommendation(
                panel, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(rec)s enregistrée.") % {"rec": recommendation})
            return redirect(reverse("panels:recommendations", args=[pk, panel.pk]))
    context = {
        "panel": panel,
        "process": panel.process,
        "form": form,
        "recommendations": panel.recommendations.select_related(
            "answer__status", "answer__process"
        ),
        "abilities": followup_abilities(panel.process, request.user),
        "breadcrumb": _breadcrumb(panel.process, _("Recommandations"), panel),
    }
    return render(request, "panels/organiser/recommendations.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def answer(request, pk: int, panel_id: int, recommendation_id: int):
    """The sponsor's team drafts the answer; it is published with the devoir de suite."""
    process, _abilities = process_for(request, pk, "view_workspace")
    if not followup_abilities(process, request.user)["answer"]:
        raise PermissionDenied
    panel = get_object_or_404(Panel, pk=panel_id, process=process)
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("answer"), pk=recommendation_id, panel=panel
    )
    recommendation.panel = panel
    existing = recommendation.answer
    if existing is not None and existing.published_at:
        return redirect(reverse("followup:answer", args=[process.pk, existing.pk]))
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in ANSWER_FIELDS}
    form = RecommendationAnswerForm(request.POST or None, initial=initial, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_recommendation(
                recommendation, actor=request.user, fields=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Réponse à la %(rec)s enregistrée en brouillon.")
                % {"rec": str(recommendation).lower()},
            )
            return redirect("followup:workspace", pk=process.pk)
    context = {
        "panel": panel,
        "process": process,
        "recommendation": recommendation,
        "form": form,
        "breadcrumb": {
            "id": "breadcrumb",
            "links": [
                {"url": process.get_workspace_url(), "title": process.title},
                {
                    "url": reverse("followup:workspace", args=[process.pk]),
                    "title": _("Devoir de suite"),
                },
            ],  # fmt: skip
            "current": str(recommendation),
        },
    }
    return render(request, "panels/organiser/answer.html", context)

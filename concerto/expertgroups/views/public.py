"""Public pages: the expert groups' recommendations and the government's answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concerto.downloads import csv_download
from concerto.expertgroups import actions
from concerto.expertgroups.abilities import can_record_answer
from concerto.expertgroups.forms import GovernmentAnswerForm
from concerto.expertgroups.queries import published_recommendations, with_current_answers
from concerto.formerrors import add_errors


@require_safe
def recommendation_list(request):
    recommendations = with_current_answers(published_recommendations())
    counts = {"total": len(recommendations), "answered": 0, "late": 0}
    for recommendation in recommendations:
        counts["answered"] += recommendation.current is not None
        counts["late"] += recommendation.late
    return render(request, "expertgroups/public/list.html",
                  {"recommendations": recommendations, "counts": counts})  # fmt: skip


def _published(year: int, sequence: int):
    queryset = published_recommendations().filter(year=year, sequence=sequence)
    recommendation = get_object_or_404(queryset)
    return with_current_answers([recommendation])[0]


@require_safe
def recommendation_detail(request, year: int, sequence: int):
    return _detail(request, year, sequence)


def _detail(request, year: int, sequence: int, form=None, status: int = 200):
    recommendation = _published(year, sequence)
    context = {
        "recommendation": recommendation,
        "answers": recommendation.answers.all(),
        "processes": recommendation.processes.published(),
        "can_answer": can_record_answer(request.user),
        "form": form or GovernmentAnswerForm(initial={"answered_on": timezone.localdate()}),
        "today": timezone.localdate(),
    }
    return render(request, "expertgroups/public/detail.html", context, status=status)


@require_POST
@login_required
def record_answer(request, year: int, sequence: int):
    if not can_record_answer(request.user):
        raise PermissionDenied
    recommendation = _published(year, sequence)
    form = GovernmentAnswerForm(request.POST)
    if form.is_valid():
        try:
            actions.record_government_answer(recommendation, actor=request.user,
                                             **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Réponse du gouvernement enregistrée."))
            return redirect("expertgroups:public_detail", year, sequence)
    return _detail(request, year, sequence, form=form, status=400)


CSV_FIELDS = ["numero", "date", "groupe", "titre", "reponse_attendue_le", "reponse",
              "date_reponse", "motifs", "en_retard"]  # fmt: skip


@require_safe
def recommendations_csv(request):
    return csv_download("recommandations.csv", CSV_FIELDS, _recommendation_rows())


def _recommendation_rows():
    for r in with_current_answers(published_recommendations()):
        current = r.current
        yield [
            r.number, timezone.localdate(r.published_at).isoformat(), r.group.name, r.title,
            r.due_date.isoformat(), current.get_status_display() if current else "",
            current.answered_on.isoformat() if current else "",
            current.reason if current else "", "oui" if r.late else "non",
        ]  # fmt: skip

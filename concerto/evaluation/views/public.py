"""Pages for participants and the public: the evaluation survey and the published report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from concerto.evaluation import actions
from concerto.evaluation.abilities import can_evaluate, evaluation_abilities
from concerto.evaluation.forms import SurveyForm
from concerto.evaluation.indicators import all_indicators
from concerto.evaluation.models import EvaluationReport, Survey, SurveyParticipation
from concerto.evaluation.models.report import OECD_CRITERIA, CriterionRating
from concerto.evaluation.pdf import pdf_response
from concerto.formerrors import add_errors
from concerto.processes.models import Process


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def survey(request, slug: str, audience: str):
    survey = get_object_or_404(
        Survey.objects.select_related("process", "process__ministry"),
        process__slug=slug,
        audience=audience,
    )
    process = survey.process
    answered = SurveyParticipation.objects.filter(survey=survey, user=request.user).exists()
    if not answered and not actions.may_answer(survey, request.user):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, questions=survey.questions)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            actions.answer_survey(survey, user=request.user, answers=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Merci ! Vos réponses anonymes sont enregistrées."))
            return redirect(f"evaluation:survey_{audience}", slug)
    context = {"process": process, "survey": survey, "form": form, "answered": answered}
    return render(request, "evaluation/survey.html", context)


def _report_context(process: Process, report: EvaluationReport) -> dict:
    ratings = dict(CriterionRating.choices)
    criteria = [
        {
            "label": label,
            "rating": ratings.get((report.judgements.get(code) or {}).get("rating", ""), ""),
            "text": (report.judgements.get(code) or {}).get("text", ""),
        }
        for code, label in OECD_CRITERIA
    ]
    return {
        "process": process,
        "report": report,
        "criteria": criteria,
        "data": report.snapshot if report.is_published else all_indicators(process),
    }


def _visible_report(request, slug: str) -> tuple[Process, EvaluationReport]:
    """The published report for everyone; a draft only for its evaluators."""
    process = get_object_or_404(Process.objects.select_related("ministry"), slug=slug)
    report = EvaluationReport.objects.filter(process=process).first()
    if report is None:
        raise Http404
    if not report.is_published and not can_evaluate(request.user, process):
        raise Http404
    if report.is_published and not (
        process.is_public or evaluation_abilities(process, request.user)["view"]
    ):
        raise Http404
    return process, report


@require_safe
def report(request, slug: str):
    process, report = _visible_report(request, slug)
    context = _report_context(process, report)
    context["pdf_url"] = reverse("evaluation:report_pdf", args=[slug])
    return render(request, "evaluation/report.html", context)


@require_safe
def report_pdf(request, slug: str):
    process, report = _visible_report(request, slug)
    return pdf_response(
        "evaluation/pdf/report.html", _report_context(process, report), f"evaluation-{slug}.pdf"
    )

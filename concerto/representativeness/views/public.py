"""Participants answer the profile questions; everyone allowed reads the representativeness page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_safe

from concerto.downloads import csv_download
from concerto.formerrors import add_errors
from concerto.representativeness import actions, whosays
from concerto.representativeness.computed import figures
from concerto.representativeness.forms import ProfileAnswersForm
from concerto.representativeness.published import COLUMNS, report_rows
from concerto.representativeness.territory import report_map
from concerto.representativeness.views.common import process_by_slug, safe_next

# Why raking failed, in words (engine reason codes).
REASON_LABELS = {
    "empty_category": _lazy("un groupe de la population n'a aucun répondant"),
    "contradictory_margins": _lazy("les marges ne peuvent pas être atteintes ensemble"),
    "bounds_too_tight": _lazy("les bornes des poids sont trop serrées"),
    "not_converged": _lazy("le calcul n'a pas convergé"),
    "no_respondents": _lazy("personne n'a répondu à une question de profil"),
}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def answer(request, slug: str):
    process, _abilities = process_by_slug(request, slug, "answer")
    questions = actions.asked_questions(process)
    back = safe_next(request, process.get_absolute_url())
    if not questions:
        raise Http404
    if not actions.needs_profile(process, request.user):
        messages.info(request, _("Vous avez déjà répondu aux questions de profil."))
        return redirect(back)
    prefilled = actions.prefill(process, request.user)
    form = ProfileAnswersForm(request.POST or None, questions=questions, initial=prefilled)
    if request.method == "POST":
        skipped = bool(request.POST.get("skip"))
        if skipped or form.is_valid():
            try:
                actions.answer_profile(
                    process, user=request.user,
                    answers={} if skipped else form.answers(),
                    save_to_profile=not skipped and form.cleaned_data["save_to_profile"],
                )  # fmt: skip
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Merci, vos réponses sont enregistrées."))
                return redirect(back)
    context = {"process": process, "form": form, "next": back, "prefilled": bool(prefilled)}
    return render(request, "representativeness/answer.html", context)


@require_safe
def page(request, slug: str):
    process, abilities = process_by_slug(request, slug)
    computed = figures(process)
    report = computed.report
    context = {
        "process": process,
        "abilities": abilities,
        "report": report,
        "departements": report_map(report),
        "weighted": [
            (module, [str(REASON_LABELS.get(code, code)) for code in module.reasons])
            for module in computed.weighted
        ],
        "settings": getattr(process, "profile_settings", None),
        "alert_percent": round(report.threshold * 100),
        "who_says_what": [
            (table, [whosays.sentence(table, f) for f in table.findings])
            for table in computed.who_says_what
        ],
        "who_says_what_k": report.k,
        "who_says_what_alpha": whosays.ALPHA,
    }
    return render(request, "representativeness/page.html", context)


@require_safe
def download(request, slug: str):
    process, _abilities = process_by_slug(request, slug)
    report = figures(process).report
    rows = ([row[name] for name in COLUMNS] for row in report_rows(report))
    return csv_download(f"representativite-{process.slug}.csv", COLUMNS, rows)

"""The evaluation workspace of one process: indicators, surveys, margins and the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concerto.accounts.models import User
from concerto.editing import EditConflict
from concerto.evaluation import actions
from concerto.evaluation.forms import GrantForm, MarginsForm, MarginsImportForm, ReportForm
from concerto.evaluation.indicators import all_indicators
from concerto.evaluation.models import Audience, EvaluationReport, ReferenceMargin, Survey
from concerto.evaluation.models.report import OECD_CRITERIA
from concerto.evaluation.views.common import evaluation_process
from concerto.formerrors import add_errors, flash_errors


def _report_form(report: EvaluationReport | None, data=None) -> ReportForm:
    initial = {"revision": report.revision if report else None}
    if report:
        initial["summary"] = report.summary
        for code, _label in OECD_CRITERIA:
            entry = report.judgements.get(code) or {}
            initial[f"{code}_rating"] = entry.get("rating", "")
            initial[f"{code}_text"] = entry.get("text", "")
    return ReportForm(data, initial=initial)


def _render(request, process, abilities, *, report_form=None, status=200):
    report = EvaluationReport.objects.filter(process=process).first()
    surveys = {s.audience: s for s in Survey.objects.filter(process=process)}
    context = {
        "process": process,
        "abilities": abilities,
        "data": all_indicators(process),
        "report": report,
        "surveys": [(code, label, surveys.get(code)) for code, label in Audience.choices],
        "report_form": report_form or _report_form(report),
        "grant_form": GrantForm(),
        "grants": process.evaluator_grants.select_related("expert"),
        "criteria": OECD_CRITERIA,
    }
    return render(request, "evaluation/workspace.html", context, status=status)


@require_safe
@login_required
def workspace(request, pk: int):
    process, abilities = evaluation_process(request, pk)
    return _render(request, process, abilities)


@require_POST
@login_required
def open_survey(request, pk: int, audience: str):
    process, _abilities = evaluation_process(request, pk, "open_surveys")
    if audience not in Audience.values:
        return redirect("evaluation:workspace", pk)
    actions.open_survey(process, actor=request.user, audience=audience)
    messages.success(request, _("Questionnaire envoyé."))
    return redirect("evaluation:workspace", pk)


@require_POST
@login_required
def save_report(request, pk: int):
    process, abilities = evaluation_process(request, pk, "write_report")
    form = _report_form(None, request.POST)
    if form.is_valid():
        try:
            actions.save_report(
                process, actor=request.user, summary=form.cleaned_data["summary"],
                judgements=form.judgements(), expected_revision=form.cleaned_data["revision"],
            )  # fmt: skip
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            if "publish" in request.POST:
                try:
                    actions.publish_report(process, actor=request.user)
                except ValidationError as error:
                    flash_errors(request, error)
                    return redirect("evaluation:workspace", pk)
                messages.success(request, _("Rapport d'évaluation publié."))
                return redirect("evaluation:report", process.slug)
            messages.success(request, _("Rapport enregistré."))
            return redirect("evaluation:workspace", pk)
    return _render(request, process, abilities, report_form=form, status=400)


@require_POST
@login_required
def grant(request, pk: int):
    process, _abilities = evaluation_process(request, pk, "grant_access")
    form = GrantForm(request.POST)
    if form.is_valid():
        expert = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        try:
            if expert is None:
                raise ValidationError(_("Aucun compte n'a cette adresse."))
            actions.grant_evaluator(process, actor=request.user, expert=expert)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Accès d'évaluation donné à %(name)s.") % {"name": expert})
    return redirect("evaluation:workspace", pk)


def _plain(share) -> str:
    return f"{share:f}".rstrip("0").rstrip(".")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def margins(request, pk: int):
    process, abilities = evaluation_process(request, pk, "edit_margins")
    current = ReferenceMargin.objects.filter(process=process)
    initial = {f"{m.dimension}__{m.category}": _plain(m.share) for m in current}
    initial["source"] = next((m.source for m in current if m.source), "")
    form = MarginsForm(request.POST or None, initial=initial)
    # Prefixed: both forms have a "source" field, and ids must stay unique on the page.
    import_form = MarginsImportForm(prefix="import")
    if request.method == "POST" and "import-file" in request.FILES:
        import_form = MarginsImportForm(request.POST, request.FILES, prefix="import")
        form = MarginsForm(initial=initial)
        if import_form.is_valid():
            try:
                parsed = actions.parse_margins_csv(import_form.cleaned_data["file"].read())
                count = actions.set_reference_margins(
                    process, actor=request.user, margins=parsed,
                    source=import_form.cleaned_data["source"],
                )  # fmt: skip
            except ValidationError as error:
                add_errors(import_form, error)
            else:
                messages.success(request, _("%(count)d marges importées.") % {"count": count})
                return redirect("evaluation:workspace", pk)
    elif request.method == "POST" and "catalogue" in request.POST:
        count = actions.use_catalogue_margins(process, actor=request.user)
        messages.success(
            request, _("%(count)d marges nationales reprises du catalogue.") % {"count": count}
        )
        return redirect("evaluation:margins", pk)
    elif request.method == "POST" and form.is_valid():
        try:
            actions.set_reference_margins(
                process, actor=request.user, margins=form.margins(),
                source=form.cleaned_data["source"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Marges de référence enregistrées."))
            return redirect("evaluation:workspace", pk)
    context = {
        "process": process,
        "abilities": abilities,
        "form": form,
        "import_form": import_form,
        "departements": current.filter(dimension="departement"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/margins.html", context, status=status)

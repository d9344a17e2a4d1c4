"""State-wide figures: public, and richer for the CIPC; CSV per dataset; yearly report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concerto.accounts.policy import is_cipc
from concerto.downloads import csv_download
from concerto.evaluation import actions
from concerto.evaluation.figures import dataset, datasets
from concerto.evaluation.forms import AnnualReportForm
from concerto.evaluation.models import AnnualReport
from concerto.evaluation.pdf import pdf_response
from concerto.formerrors import add_errors


@require_safe
def figures(request):
    cipc = is_cipc(request.user)
    context = {
        "datasets": datasets(cipc=cipc),
        "cipc": cipc,
        "annual_reports": AnnualReport.objects.all(),
        "annual_form": AnnualReportForm(),
        "this_year": timezone.localdate().year,
    }
    return render(request, "evaluation/figures.html", context)


@require_safe
def figures_csv(request, slug: str):
    data = dataset(slug, cipc=is_cipc(request.user))
    if data is None:
        raise Http404
    # The page's French headings as column names a script can write as they are:
    # « Écart maximal (points) » is ecart_maximal_points.
    header = [slugify(str(column)).replace("-", "_") for column in data.columns]
    rows = ([str(value) if value is not None else "" for value in row] for row in data.rows)
    return csv_download(f"chiffres-{slug}.csv", header, rows)


def _annual(request, year: int):
    report = AnnualReport.objects.filter(year=year).first()
    cipc = is_cipc(request.user)
    if report is None and not cipc:
        raise Http404
    # The published report shows public figures, so that anyone can check them.
    return {"year": year, "report": report, "datasets": datasets(cipc=False, year=year)}


@require_safe
def annual_report(request, year: int):
    return render(request, "evaluation/annual.html", _annual(request, year))


@require_safe
def annual_report_pdf(request, year: int):
    return pdf_response("evaluation/pdf/annual.html", _annual(request, year),
                        f"rapport-participation-{year}.pdf")  # fmt: skip


@require_POST
@login_required
def publish_annual_report(request, year: int):
    if not is_cipc(request.user):
        raise PermissionDenied
    form = AnnualReportForm(request.POST)
    if form.is_valid():
        try:
            actions.publish_annual_report(
                actor=request.user, year=year, introduction=form.cleaned_data["introduction"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Rapport annuel %(year)d publié.") % {"year": year})
            return redirect("evaluation:annual", year)
    messages.error(request, _("Rédigez l'introduction du rapport."))
    return redirect("evaluation:figures")

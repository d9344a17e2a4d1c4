"""The resource centre's own views; Wagtail serves the pages themselves."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from concerto.downloads import pdf_download, render_pdf
from concerto.resources import actions
from concerto.resources.models import GuideSheetPage
from concerto.resources.search import search as run_search


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = run_search(query) if query else []
    return render(request, "resources/search.html", {"query": query, "results": results})


def _live_sheet(pk: int) -> GuideSheetPage:
    sheet = GuideSheetPage.objects.live().filter(pk=pk).first()
    if sheet is None:
        raise Http404
    return sheet


@require_GET
def sheet_pdf(request, pk: int):
    sheet = _live_sheet(pk)
    html = render_to_string(
        "resources/print/sheet.html",
        {"page": sheet, "url": request.build_absolute_uri(sheet.url)},
        request=request,
    )
    base_url = request.build_absolute_uri("/")
    pdf = render_pdf(html, stylesheet="resources/print.css", base_url=base_url)
    return pdf_download(f"fiche-{sheet.slug}.pdf", pdf, inline=True)


@require_POST
def usefulness(request, pk: int):
    page = Page.objects.live().filter(pk=pk).first()
    if page is None:
        raise Http404
    choice = request.POST.get("useful")
    if choice not in {"yes", "no"}:
        messages.error(request, _("Indiquez si la page vous a été utile."))
    else:
        actions.record_usefulness(page, voter=actions.voter_key(request), useful=choice == "yes")
        messages.success(request, _("Merci, votre avis est enregistré."))
    return redirect(page.url + "#avis")

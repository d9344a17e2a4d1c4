"""Downloads of a published version: its text, and its changes since the draft, as a
standalone HTML page, a PDF or an ODT; each change names its suggestions. Anyone who
may read the version page may download them."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from concerto.codrafting import exports
from concerto.codrafting.models import TextVersion
from concerto.codrafting.views.common import module_url, public_module
from concerto.downloads import pdf_download, render_pdf

FORMATS = ("html", "pdf", "odt")
STYLESHEET = "codrafting/print.css"


def _published_version(request, slug: str, module_id: int, number: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    module, _abilities = public_module(request, slug, module_id)
    version = get_object_or_404(
        TextVersion.objects.select_related("module__process__ministry"),
        module=module,
        number=number,
        published_at__isnull=False,
    )
    return module, version


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _render(request, fmt: str, template: str, context: dict, filename: str) -> HttpResponse:
    """The HTML page or its PDF (the same body, in the platform's PDF skeleton)."""
    if fmt == "html":
        html = render_to_string(f"codrafting/download/{template}.html", context, request=request)
        return _attachment(html, "text/html; charset=utf-8", filename)
    html = render_to_string(f"codrafting/download/{template}_pdf.html", context, request=request)
    pdf = render_pdf(html, stylesheet=STYLESHEET, base_url=request.build_absolute_uri("/"))
    return pdf_download(filename, pdf)


@require_safe
def text(request, slug: str, module_id: int, number: int, fmt: str):
    """The full text of version `number`."""
    module, version = _published_version(request, slug, module_id, number, fmt)
    filename = exports.text_filename(version, fmt)
    if fmt == "odt":
        return _attachment(exports.text_odt(version), exports.ODT_CONTENT_TYPE, filename)
    context = {
        "module": module,
        "process": module.process,
        "version": version,
        "units": list(version.units.order_by("position", "pk")),
        "url": request.build_absolute_uri(module_url(module, "version", number=number)),
    }
    return _render(request, fmt, "text", context, filename)


@require_safe
def changes(request, slug: str, module_id: int, number: int, fmt: str):
    """What changed from the draft (version 1) to version `number`, each change with
    the suggestions it comes from."""
    module, version = _published_version(request, slug, module_id, number, fmt)
    if version.number == 1:
        raise Http404
    draft_changes = exports.changes_since_draft(version)
    filename = exports.changes_filename(version, fmt)

    def suggestion_url(contribution) -> str:
        path = module_url(module, "suggestion", suggestion_id=contribution.pk)
        return request.build_absolute_uri(path)

    if fmt == "odt":
        odt = exports.changes_odt(
            draft_changes, lambda row: f"« {row.title} » ({suggestion_url(row)})"
        )
        return _attachment(odt, exports.ODT_CONTENT_TYPE, filename)
    entries = exports.change_entries(draft_changes)
    for entry in entries:
        entry.links = [(row, suggestion_url(row)) for row in entry.suggestions]
    context = {
        "module": module,
        "process": module.process,
        "version": version,
        "draft": draft_changes.draft,
        "changes": entries,
        "url": request.build_absolute_uri(module_url(module, "version", number=number)),
    }
    return _render(request, fmt, "changes", context, filename)

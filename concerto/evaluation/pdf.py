"""PDF versions of reports, rendered by WeasyPrint with their own print stylesheet
(WeasyPrint does not need, and 69+ cannot read, the DSFR stylesheet)."""

from pathlib import Path

from django.http import HttpResponse
from django.template.loader import render_to_string

PRINT_CSS = Path(__file__).resolve().parent / "static" / "evaluation" / "print.css"


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    document = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

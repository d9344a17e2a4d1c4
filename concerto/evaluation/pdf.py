"""PDF versions of reports, laid out with their own print stylesheet."""

from django.http import HttpResponse
from django.template.loader import render_to_string

from concerto.downloads import pdf_download, render_pdf


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, context)
    pdf = render_pdf(html, stylesheet="evaluation/print.css")
    return pdf_download(filename, pdf, inline=True)

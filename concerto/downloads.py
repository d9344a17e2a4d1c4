"""Files handed out by the platform: CSV (UTF-8, comma-separated, streamed row by row in
constant memory) and PDF (rendered from HTML by WeasyPrint)."""

import csv
from collections.abc import Iterable, Iterator

from django.contrib.staticfiles import finders
from django.http import HttpResponse, StreamingHttpResponse


class _Line:
    """A file whose `write` returns what it is given, so csv.writer yields each line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """The header line, then one line per row (None is written as an empty cell)."""
    writer = csv.writer(_Line())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def csv_download(
    filename: str, header: Iterable, rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """A CSV attachment whose rows are computed as the client reads them."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def render_pdf(html: str, *, stylesheet: str, base_url: str | None = None) -> bytes:
    """The PDF of `html`, laid out by WeasyPrint with one print stylesheet, given by its
    static path (e.g. "analysis/print.css"). Print stylesheets are the pages' own:
    WeasyPrint 69+ cannot read the DSFR stylesheet, and paper needs none of it."""
    from weasyprint import CSS, HTML  # slow to import: only where a PDF is asked for

    css = CSS(filename=finders.find(stylesheet))
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=[css])


def pdf_download(filename: str, pdf: bytes, *, inline: bool = False) -> HttpResponse:
    """A PDF response, shown in the browser when `inline`, else saved as `filename`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response

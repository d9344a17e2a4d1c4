"""Files handed out by the platform: CSV (UTF-8, comma-separated, streamed row by row in
constant memory) and PDF (rendered from HTML by WeasyPrint).

Every CSV the platform writes, downloads and open-data files alike, goes through
`csv_writer`, which neutralises formula injection the OWASP way: a text cell that a
spreadsheet would read as a formula gets a leading apostrophe. See `safe_cell`.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.contrib.staticfiles import finders
from django.http import HttpResponse, StreamingHttpResponse

# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"), with the
# full-width forms some spreadsheets fold onto them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A sign, then only digits, spaces, dots and commas: a number (-3, -1,5) or a phone number
# (+33 1 23 45 67). Without a letter, a parenthesis, a quote or a `|`, a spreadsheet can
# call no function, link or program from it, so it goes out as it is.
_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,]*")


def _is_formula(text: str) -> bool:
    """Whether `text`, leading apostrophes aside, starts like a formula (numbers excepted)."""
    bare = text.lstrip("'")
    return bare.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(bare)


def safe_cell(value):
    """The value as a CSV cell a spreadsheet will not execute.

    Numbers stay numbers. A text whose first character, leading apostrophes aside, is
    one of FORMULA_TRIGGERS gets one more apostrophe in front, unless it is a number
    written as text. Counting the apostrophes already there keeps the rule reversible
    (`restore_cell`): "'=x" typed by someone comes out as "''=x", not as "'=x".
    """
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if _is_formula(text) else text


def restore_cell(cell: str) -> str:
    """The original text of a cell written by `safe_cell` (what a re-user does)."""
    return cell[1:] if cell.startswith("'") and _is_formula(cell) else cell


class SafeWriter:
    """csv.writer whose every cell goes through `safe_cell`."""

    def __init__(self, file, **fmtparams):
        self._writer = csv.writer(file, **fmtparams)

    def writerow(self, row: Iterable):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, **fmtparams) -> SafeWriter:
    """The one way the platform writes CSV (a test fails on any other csv.writer)."""
    return SafeWriter(file, **fmtparams)


class _Line:
    """A file whose `write` returns what it is given, so csv.writer yields each line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """The header line, then one line per row (None is written as an empty cell)."""
    writer = csv_writer(_Line())
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


# Every PDF is tagged PDF/UA-1: a structure tree in reading order, the language and title
# of the document (its <html lang> and <title>, shown instead of the file name), alt texts
# of images, embedded fonts. The HTML comes from templates extending "pdf/base.html".
PDF_VARIANT = "pdf/ua-1"
# The identity block of "pdf/base.html", laid out before the document's own stylesheet.
BASE_STYLESHEET = "pages/pdf.css"


def render_pdf(html: str, *, stylesheet: str, base_url: str | None = None) -> bytes:
    """The accessible PDF of `html`, laid out by WeasyPrint with the shared stylesheet and
    one print stylesheet, given by its static path (e.g. "analysis/print.css"). Print
    stylesheets are the pages' own: WeasyPrint 69+ cannot read the DSFR stylesheet, and
    paper needs none of it."""
    from weasyprint import CSS, HTML  # slow to import: only where a PDF is asked for

    stylesheets = [CSS(filename=finders.find(path)) for path in (BASE_STYLESHEET, stylesheet)]
    return HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=stylesheets, pdf_variant=PDF_VARIANT
    )


def pdf_download(filename: str, pdf: bytes, *, inline: bool = False) -> HttpResponse:
    """A PDF response, shown in the browser when `inline`, else saved as `filename`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response

"""Reading the CSV files people upload: one reader for every import.

    reader = CsvReader(data, max_rows=10_000, rows_name=_("contributions"))
    header = reader.header
    for row in reader:
        if row.error:            # wrong number of fields: never cut or padded silently
            errors.append(row.labelled_error)
            continue
        values = row.as_dict(header)

The encoding is UTF-8 (with or without a byte order mark) when the bytes are valid
UTF-8, else Windows-1252 (ISO-8859-1 when even that fails); the separator is a comma,
a semicolon or a tab, found by `csv.Sniffer` on a sample and checked against the
header line. Text is decoded as it is read, so a large file is never held twice.
Errors are French and name their line, counted as in a spreadsheet (header = 1); a
row whose quoted text spans several lines is named by the line where it starts.
"""

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DELIMITERS = ",;\t"
SAMPLE_SIZE = 64 * 1024
# The longest value a cell may hold: the csv module's default limit, checked here rather
# than read from the module, whose limit is global to the process and raised by some
# libraries when they load (frictionless sets it to 2**31 - 2).
MAX_CELL = 131_072
CHECK_CHUNK = 1024 * 1024
# Encodings as the reports name them.
UTF8, WINDOWS_1252, LATIN_1 = "UTF-8", "Windows-1252", "ISO-8859-1"
_DECLARED = {
    "iso-8859-1": LATIN_1,
    "latin-1": LATIN_1,
    "latin1": LATIN_1,
    "cp1252": WINDOWS_1252,
    "windows-1252": WINDOWS_1252,
}


class CsvRefused(Exception):
    """The file cannot be read as a whole; `errors` say why, in French."""

    def __init__(self, errors: list[str]):
        super().__init__(errors)
        self.errors = errors


def at_line(line: int, message: str) -> str:
    return _("Ligne %(line)d : %(message)s") % {"line": line, "message": message}


@dataclass(frozen=True)
class CsvRow:
    """One non-blank row: `line` where it starts, its cells, and what is wrong with its
    shape (`error`, French, without the line), if anything."""

    line: int
    index: int  # 1 for the first row after the header; blank rows are not counted
    cells: list[str]
    error: str = ""

    @property
    def labelled_error(self) -> str:
        return at_line(self.line, self.error)

    def as_dict(self, header: list[str]) -> dict[str, str]:
        return dict(zip(header, self.cells, strict=True))


def _valid(data: bytes, codec: str) -> bool:
    """Whether `data` decodes with `codec`, checked in chunks without keeping the text."""
    decoder = codecs.getincrementaldecoder(codec)()
    view = memoryview(data)
    try:
        for start in range(0, len(data), CHECK_CHUNK):
            decoder.decode(view[start : start + CHECK_CHUNK], final=False)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _detect(data: bytes, declared: str = "") -> tuple[str, str]:
    """(name for the report, codec to read with)."""
    if _valid(data, "utf-8"):
        return UTF8, "utf-8-sig"
    # Read as Windows-1252 even when ISO-8859-1 is declared: exports say "Latin-1"
    # and hold ’ or œ; the report keeps the declared name.
    if _valid(data, "cp1252"):
        return _DECLARED.get(declared.lower(), WINDOWS_1252), "cp1252"
    return LATIN_1, "latin-1"


def detect_encoding(data: bytes, declared: str = "") -> str:
    """UTF-8 whatever was declared when the bytes are valid UTF-8; else Windows-1252 (a
    superset of ISO-8859-1 for printable text: œ, €, ’), named as declared; else
    ISO-8859-1, which reads any byte."""
    return _detect(data, declared)[0]


def detect_delimiter(text: str, candidates: str = DELIMITERS) -> str:
    """The separator of a CSV text: csv.Sniffer's guess on a sample, kept only when the
    header line agrees (a header rarely holds a quoted separator); else the candidate
    the header line holds most; else a comma."""
    sample = text[:SAMPLE_SIZE]
    if len(text) > SAMPLE_SIZE and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    first_line = sample.split("\n", 1)[0]
    in_header = {d: first_line.count(d) for d in candidates}
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=candidates).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in in_header and (in_header[sniffed] or not any(in_header.values())):
        return sniffed
    if any(in_header.values()):
        return max(in_header, key=lambda d: in_header[d])
    return ","


def _separator_name(delimiter: str) -> str:
    return {";": _("un point-virgule"), "\t": _("une tabulation")}.get(delimiter, _("une virgule"))


def field_count_error(expected: int, found: int, delimiter: str = ",") -> str:
    expected_text = ngettext(
        "%(count)d colonne attendue", "%(count)d colonnes attendues", expected
    ) % {"count": expected}
    found_text = ngettext("%(count)d trouvée", "%(count)d trouvées", found) % {"count": found}
    return _(
        "%(expected)s, %(found)s (%(separator)s dans un texte doit être entre guillemets)."
    ) % {
        "expected": expected_text,
        "found": found_text,
        "separator": _separator_name(delimiter),
    }


def _too_long() -> str:
    return _("une valeur dépasse %(max)d caractères.") % {"max": MAX_CELL}


def _csv_error_message(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return _too_long()
    if "unexpected end of data" in text or "EOF" in text:
        return _("un guillemet ouvert sur cette ligne n'est jamais refermé.")
    if "expected after" in text:
        return _("un guillemet fermant est suivi d'autre chose qu'un séparateur.")
    return _("fichier CSV mal formé.")


class CsvReader:
    """Iterates over the non-blank rows of an uploaded CSV file, after its header.

    Raises CsvRefused when the file is empty, unreadable as CSV (an unclosed quote, a
    value over the csv module's field limit) or holds more than `max_rows` rows; the
    message names the limit. Rows with another number of fields than the header are
    yielded with their `error`, so that callers report them with their own, in line
    order. `digest` (after the last row) identifies the content whatever its
    encoding, separator or quoting: the same rows give the same digest.
    """

    def __init__(
        self,
        data: bytes,
        *,
        max_rows: int,
        rows_name: str = "",
        encoding: str = "",
        delimiters: str = DELIMITERS,
    ):
        self.encoding, codec = _detect(data, encoding)
        self.max_rows = max_rows
        self.rows_name = rows_name or _("lignes")
        self._text = io.TextIOWrapper(io.BytesIO(data), encoding=codec, newline="")
        self.delimiter = detect_delimiter(self._text.read(SAMPLE_SIZE), delimiters)
        self._text.seek(0)
        self._reader = csv.reader(self._text, delimiter=self.delimiter, strict=True)
        self._hash = hashlib.sha256()
        self.rows_read = 0
        header = self._next(1)
        if header is None or not any(cell.strip() for cell in header):
            raise CsvRefused([_("Le fichier est vide.")])
        self.raw_header = header
        self.header = [cell.strip() for cell in header]
        self._update_hash(header)

    def _next(self, start: int) -> list[str] | None:
        try:
            cells = next(self._reader, None)
        except csv.Error as error:
            raise CsvRefused([at_line(start, _csv_error_message(error))]) from None
        if cells is not None and any(len(cell) > MAX_CELL for cell in cells):
            raise CsvRefused([at_line(start, _too_long())])
        return cells

    def _update_hash(self, cells: list[str]) -> None:
        self._hash.update("\x1f".join(cells).encode("utf-8", "surrogatepass") + b"\x1e")

    def __iter__(self) -> Iterator[CsvRow]:
        expected = len(self.header)
        while True:
            start = self._reader.line_num + 1
            cells = self._next(start)
            if cells is None:
                return
            if not any(cell.strip() for cell in cells):
                continue
            self.rows_read += 1
            if self.rows_read > self.max_rows:
                raise CsvRefused([
                    _("Le fichier compte plus de %(max)d %(rows)s, la limite d'un import : "
                      "découpez-le en plusieurs fichiers.")
                    % {"max": self.max_rows, "rows": self.rows_name}
                ])  # fmt: skip
            self._update_hash(cells)
            error = ""
            if len(cells) != expected:
                error = field_count_error(expected, len(cells), self.delimiter)
            yield CsvRow(start, self.rows_read, cells, error)

    @property
    def digest(self) -> str:
        return self._hash.hexdigest()

    def rows(self) -> list[CsvRow]:
        return list(self)

"""Reading other platforms' CSV files: encodings, separators, dates."""

import csv
import io
import re
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_ROWS = 50_000
# UTF-8 text read as Latin-1, then saved again: "é" shows as "Ã©".
MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]")
REPLACEMENT = "\ufffd"


def decode(data: bytes, preferred: str) -> tuple[str, str]:
    """(text, encoding used). UTF-8 is recognised whatever was announced (a BOM is
    dropped); otherwise the file is read as `preferred` (ISO-8859-1 or Windows-1252)."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if preferred.lower() in {"iso-8859-1", "latin-1", "latin1"}:
        # Windows-1252 is a superset of ISO-8859-1 for printable text (œ, €, ’).
        try:
            return data.decode("cp1252"), "ISO-8859-1"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "ISO-8859-1"
    return data.decode(preferred, errors="replace"), preferred


def badly_encoded(text: str) -> bool:
    return REPLACEMENT in text or bool(MOJIBAKE.search(text))


def sniff_delimiter(text: str, candidates: str = ",;\t") -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in candidates}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def reader(text: str, delimiter: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def parse_moment(value: str) -> datetime | None:
    """An ISO 8601 moment or date, or the `AAAA-MM-JJ HH:MM:SS` of older exports."""
    value = value.strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace(" UTC", "+00:00"))
    except ValueError:
        moment = None
    if moment is None:
        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is None:
            raise ValueError(value)
        moment = datetime(day.year, day.month, day.day, 12)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "oui", "yes", "vrai", "t"}


def too_big_message() -> str:
    return _("Le fichier dépasse 20 Mo : découpez-le.")

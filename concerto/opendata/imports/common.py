"""Reading other platforms' exports: limits, dates, encoding damage. The CSV files
themselves are read by `concerto.csvreading`."""

import re
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_ROWS = 50_000
# An archive's files to import, once unpacked, and how much more than compressed.
MAX_UNPACKED_SIZE = 100 * 1024 * 1024
MAX_RATIO = 100
# UTF-8 text read as Latin-1, then saved again: "é" shows as "Ã©".
MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]")
REPLACEMENT = "\ufffd"


def badly_encoded(text: str) -> bool:
    return REPLACEMENT in text or bool(MOJIBAKE.search(text))


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


def malformed_message(count: int) -> str:
    return ngettext(
        "%(count)d ligne mal formée : rien n'a été importé. Corrigez-la ou exportez à "
        "nouveau les données.",
        "%(count)d lignes mal formées : rien n'a été importé. Corrigez-les ou exportez à "
        "nouveau les données.",
        count,
    ) % {"count": count}

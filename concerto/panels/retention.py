"""How long a panel's pool (personal data) may be kept: a bounded retention date.

The legal maximum the platform applies: two years after the end of the process's
participation (after the panel's creation when the process states no end, or ended
earlier). The organiser picks a date up to it (panels created before the bound were
brought within it by migration panels 0003); the daily retention run
(concerto.privacy.retention, on the platform's schedule) purges the pool on that date.
"""

from datetime import date

from django.utils.translation import gettext as _

from concerto.frenchdates import french_date

MAX_YEARS = 2


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_limit(process, created_on: date) -> date:
    """The latest retention date allowed for a panel of `process` created on `created_on`."""
    end = process.participation_end
    start = max(end, created_on) if end else created_on
    return _years_later(start, MAX_YEARS)


def retention_error(process, retention_date: date, today: date) -> str:
    """The French error for `retention_date`, or "" when it is allowed."""
    if retention_date <= today:
        return _("La date de suppression doit être dans le futur.")
    limit = retention_limit(process, today)
    if retention_date > limit:
        return _(
            "La date de suppression ne peut pas dépasser le %(limit)s : les données du "
            "vivier sont conservées au plus deux ans après la fin de la participation."
        ) % {"limit": french_date(limit, "j F Y")}
    return ""

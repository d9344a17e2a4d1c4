from datetime import date

from django import template

from concerto.frenchdates import french_date
from concerto.processes.quality_words import explanation, status_label

register = template.Library()


@register.filter
def iso_date(value: str | None) -> str:
    """Show a date frozen in a version snapshot (ISO 8601) the French way."""
    if not value:
        return "—"
    return french_date(date.fromisoformat(value), "j F Y")


@register.filter
def precheck_explanation(result) -> str:
    """Why the quality grid gave a criterion its status, in words (see quality_words)."""
    return explanation(result)


@register.filter
def precheck_status(status: str) -> str:
    """'Satisfait', 'À risque' or 'Manquant'."""
    return status_label(status)

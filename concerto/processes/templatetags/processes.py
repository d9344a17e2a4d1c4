from datetime import date

from django import template

from concerto.frenchdates import french_date

register = template.Library()


@register.filter
def iso_date(value: str | None) -> str:
    """Show a date frozen in a version snapshot (ISO 8601) the French way."""
    if not value:
        return "—"
    return french_date(date.fromisoformat(value), "j F Y")

from datetime import date

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def iso_date(value: str | None) -> str:
    """Show a date frozen in a version snapshot (ISO 8601) the French way."""
    if not value:
        return "—"
    return date_format(date.fromisoformat(value), "j F Y")

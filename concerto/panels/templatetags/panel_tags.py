from django import template
from django.utils.formats import number_format

from concerto.panels.models import Recommendation

register = template.Library()


@register.filter
def percent(value, digits: int = 2) -> str:
    """0.1234 → "12,34 %" (French number format); "—" when unknown."""
    if value is None:
        return "—"
    digits = int(digits)
    return f"{number_format(round(100 * float(value), digits), digits)} %"


@register.filter
def category_value(values: dict, category: str) -> str:
    return values.get(category, "")


@register.simple_tag
def pending_recommendations(process):
    """The process's panel recommendations that no followup answer covers yet."""
    return list(
        Recommendation.objects.filter(panel__process=process, answer__isnull=True)
        .exclude(panel__status="draft")
        .select_related("panel")
        .order_by("panel_id", "number")
    )

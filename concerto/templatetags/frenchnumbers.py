"""The `nombre` filter of every template: « 20 000 » (concerto/frenchnumbers.py)."""

from django import template

from concerto.frenchnumbers import french_number

register = template.Library()


@register.filter(is_safe=True)
def nombre(value):
    return french_number(value)

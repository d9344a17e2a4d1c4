"""The `date` filter of every template, writing « 1er » for the first of a month
(concerto/frenchdates.py); otherwise Django's own."""

from django import template
from django.template.defaultfilters import date as django_date

from concerto.frenchdates import french_format

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if value in (None, ""):
        return ""
    return django_date(value, french_format(value, arg))

"""Dates as French writes them: « 1er janvier », not « 1 janvier ».

Django's French formats write the day with `j` ("j F Y"), which has no ordinal. Every
date people read goes through `french_date` (Python) or the `date` template filter, which
concerto/templatetags/frenchdates.py replaces for every template (TEMPLATES "builtins").
"""

from django.utils import formats

FIRST = r"\1\e\r"  # the day, escaped: "1er"


def first_of_month(format_string: str) -> str:
    """The format with its day of the month (`j`, outside escapes) written « 1er »."""
    out, escaped = [], False
    for char in format_string:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        else:
            out.append(FIRST if char == "j" else char)
    return "".join(out)


def french_format(value, format_name: str | None) -> str:
    """The format for `value`: a format's name (DATE_FORMAT…) or string, with « 1er »
    when `value` is the first of a month."""
    format_string = formats.get_format(format_name or "DATE_FORMAT")
    if getattr(value, "day", None) == 1:
        return first_of_month(format_string)
    return format_string


def french_date(value, format_name: str | None = None) -> str:
    return formats.date_format(value, french_format(value, format_name))

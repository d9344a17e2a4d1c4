"""Numbers as French writes them: « 20 000 », thousands grouped by a narrow no-break
space (the Imprimerie nationale's rule, and CLDR's for fr), never broken across lines.

Not by USE_THOUSAND_SEPARATOR: that would group every number a template prints, ids in
addresses and form values included. People's numbers go through `french_number` (the
`nombre` filter in templates) instead.
"""

GROUP_SEPARATOR = "\u202f"


def french_number(value) -> str:
    """An integer grouped by thousands; anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "" if value is None else str(value)
    return f"{value:,}".replace(",", GROUP_SEPARATOR)

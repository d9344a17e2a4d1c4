"""French formatting for explanations: dates, counts, amounts, lists, quotes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
# French typography groups thousands with a narrow no-break space (CLDR "fr").
NARROW_NBSP = "\u202f"


def fmt_date(value: date) -> str:
    """dd/mm/yyyy, the form French users read."""
    return value.strftime("%d/%m/%Y")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 jour', '0 jour', '3 jours': French uses the singular for 0 and 1."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{count} {word}"


def days(count: int) -> str:
    return plural(count, "jour")


def quote(text: str) -> str:
    """Quote user text with French guillemets and no-break spaces inside."""
    return f"«{NBSP}{text.strip()}{NBSP}»"


def join_and(items: Sequence[str]) -> str:
    """'a', 'a et b', 'a, b et c'."""
    return _join(items, "et")


def join_nor(items: Sequence[str]) -> str:
    """For a negative clause: 'a', 'a ni b', 'a, b ni c'."""
    return _join(items, "ni")


def _join(items: Sequence[str], word: str) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def euros(amount: Decimal) -> str:
    """'45 000 €', '1 250,50 €', '-500 €' with French separators."""
    cents = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    whole, _, fraction = f"{abs(cents):.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NARROW_NBSP.join(groups)
    if fraction != "00":
        text += "," + fraction
    return f"{sign}{text}{NBSP}€"


def missing_dates(labels: Sequence[str]) -> str:
    """Sentence for unset dates, e.g. labels ('fin de participation', 'décision')."""
    if len(labels) == 1:
        return f"La date de {labels[0]} n'est pas renseignée."
    # "Les dates de fin de participation et de décision": repeat "de" per item.
    parts = [labels[0], *("de " + label for label in labels[1:])]
    return f"Les dates de {join_and(parts)} ne sont pas renseignées."

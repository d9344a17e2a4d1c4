"""Amount arithmetic for orders: exact decimals, rounding rules in one place.

Rules (stated to finance staff on the order page):
- each line's amount excluding VAT (HT) is quantity × unit price, rounded to the
  cent, half up;
- the order's HT total is the sum of its rounded lines;
- VAT is computed once on the HT total (not per line), rounded to the cent, half up;
- the amount including VAT (TTC) is HT + VAT.
Ceilings and consumption are in HT.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return to_cents(quantity * unit_price)


@dataclass(frozen=True)
class Totals:
    ht: Decimal
    vat: Decimal
    ttc: Decimal


def totals(line_amounts, vat_rate: Decimal) -> Totals:
    ht = sum(line_amounts, Decimal("0.00"))
    vat = to_cents(ht * vat_rate / HUNDRED)
    return Totals(ht=to_cents(ht), vat=vat, ttc=to_cents(ht) + vat)


def percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """Share of `whole` used, to one decimal (None when there is no ceiling)."""
    if not whole:
        return None
    return (part * HUNDRED / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

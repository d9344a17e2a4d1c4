from decimal import Decimal

from concerto.procurement.money import line_amount, percent, totals


def test_lines_round_half_up_to_the_cent():
    assert line_amount(Decimal("2.5"), Decimal("87.45")) == Decimal("218.63")
    assert line_amount(Decimal("3"), Decimal("0.005")) == Decimal("0.02")


def test_vat_is_computed_once_on_the_total():
    result = totals([Decimal("0.05"), Decimal("0.05"), Decimal("0.05")], Decimal("20.00"))
    # Per line the VAT would be 3 × 0.01 = 0.03; on the total it is 0.15 × 20 % = 0.03.
    assert (result.ht, result.vat, result.ttc) == (
        Decimal("0.15"),
        Decimal("0.03"),
        Decimal("0.18"),
    )
    result = totals([Decimal("3750.00"), Decimal("4833.33"), Decimal("218.63")], Decimal("20"))
    assert (result.ht, result.vat, result.ttc) == (
        Decimal("8801.96"),
        Decimal("1760.39"),
        Decimal("10562.35"),
    )


def test_percent_of_a_ceiling():
    assert percent(Decimal("80000"), Decimal("100000")) == Decimal("80.0")
    assert percent(Decimal("1"), None) is None

"""Consumption of the framework contract against its ceilings (amounts HT)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from concerto.procurement.models import FrameworkContract, Lot, Order
from concerto.procurement.models.orders import COMMITTED_STATUSES, PENDING_STATUSES
from concerto.procurement.money import percent

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Consumption:
    label: str
    committed_ht: Decimal
    pending_ht: Decimal
    ceiling_ht: Decimal | None
    threshold: Decimal

    @property
    def rate(self) -> Decimal | None:
        return percent(self.committed_ht, self.ceiling_ht)

    @property
    def remaining_ht(self) -> Decimal | None:
        return None if self.ceiling_ht is None else self.ceiling_ht - self.committed_ht

    @property
    def alert(self) -> bool:
        return self.rate is not None and self.rate >= self.threshold


def _sums(orders) -> tuple[Decimal, Decimal]:
    sums = orders.aggregate(
        committed=Sum("amount_ht", filter=Q(status__in=COMMITTED_STATUSES)),
        pending=Sum("amount_ht", filter=Q(status__in=PENDING_STATUSES)),
    )
    return sums["committed"] or ZERO, sums["pending"] or ZERO


def lot_consumption(lot: Lot) -> Consumption:
    committed, pending = _sums(Order.objects.filter(lot=lot))
    return Consumption(str(lot), committed, pending, lot.ceiling_ht, lot.contract.alert_threshold)


def ministry_year_consumption(contract: FrameworkContract, ministry, year: int) -> Consumption:
    committed, pending = _sums(
        Order.objects.filter(contract=contract, ministry=ministry, year=year)
    )
    return Consumption(
        f"{ministry} — {year}",
        committed,
        pending,
        contract.ministry_annual_ceiling_ht,
        contract.alert_threshold,
    )


def lot_table(contract: FrameworkContract) -> list[Consumption]:
    """One row per lot, in one query."""
    lots = contract.lots.annotate(
        committed=Sum("orders__amount_ht", filter=Q(orders__status__in=COMMITTED_STATUSES)),
        pending=Sum("orders__amount_ht", filter=Q(orders__status__in=PENDING_STATUSES)),
    )
    return [
        Consumption(
            str(lot),
            lot.committed or ZERO,
            lot.pending or ZERO,
            lot.ceiling_ht,
            contract.alert_threshold,
        )
        for lot in lots
    ]


def ministry_year_table(contract: FrameworkContract, ministry_ids=None) -> list[Consumption]:
    """One row per ministry and year having orders, in one query."""
    orders = Order.objects.filter(contract=contract)
    if ministry_ids is not None:
        orders = orders.filter(ministry_id__in=ministry_ids)
    rows = (
        orders.values("ministry__name", "year")
        .annotate(
            committed=Sum("amount_ht", filter=Q(status__in=COMMITTED_STATUSES)),
            pending=Sum("amount_ht", filter=Q(status__in=PENDING_STATUSES)),
        )
        .order_by("ministry__name", "year")
    )
    return [
        Consumption(
            f"{row['ministry__name']} — {row['year']}",
            row["committed"] or ZERO,
            row["pending"] or ZERO,
            contract.ministry_annual_ceiling_ht,
            contract.alert_threshold,
        )
        for row in rows
    ]


def lot_year_table(contract: FrameworkContract) -> list[dict]:
    """Committed amounts per lot and year (no ceiling per year: for reading trends)."""
    return list(
        Order.objects.filter(contract=contract, status__in=COMMITTED_STATUSES)
        .values("lot__number", "lot__title", "year")
        .annotate(committed=Sum("amount_ht"))
        .order_by("lot__number", "year")
    )

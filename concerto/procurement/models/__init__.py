from concerto.procurement.models.catalogue import FrameworkContract, Holder, Lot, Service
from concerto.procurement.models.orders import (
    ConsumptionAlert,
    Order,
    OrderLine,
    OrderStatus,
    OrderTransition,
)

__all__ = [
    "ConsumptionAlert",
    "FrameworkContract",
    "Holder",
    "Lot",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrderTransition",
    "Service",
]

"""What the framework contract shows on each role's dashboard."""

from concerto.accounts.roles import Role
from concerto.procurement.models import Order
from concerto.procurement.models.orders import PENDING_STATUSES


def _orders():
    return Order.objects.select_related("ministry", "lot", "process").order_by("created_at")


def referent_panel(user) -> dict:
    orders = _orders().awaiting_referent(user)
    return {
        "template": "procurement/dashboard/orders.html",
        "orders": orders,
        "heading": "to_validate",
    }


def cipc_panel(user) -> dict:
    orders = _orders().awaiting_cipc()
    return {
        "template": "procurement/dashboard/orders.html",
        "orders": orders,
        "heading": "to_validate",
    }


def agent_panel(user) -> dict:
    orders = _orders().filter(requested_by=user, status__in=PENDING_STATUSES)
    return {"template": "procurement/dashboard/orders.html", "orders": orders, "heading": "mine"}


PANELS = {Role.AGENT: agent_panel, Role.REFERENT: referent_panel, Role.CIPC_ADVISOR: cipc_panel}

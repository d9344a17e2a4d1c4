"""What a user may do with the framework contract and its orders."""

from concerto.accounts import policy
from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role
from concerto.procurement.models import Order
from concerto.procurement.workflow import ORDER_WORKFLOW


def catalogue_abilities(user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    public_servant = signed_in and bool(
        {Role.AGENT, Role.REFERENT, Role.CIPC_ADVISOR, Role.ADMINISTRATOR} & set(user.roles)
    )
    return {
        "browse": public_servant,
        "order": signed_in and bool(user.ministry_ids(Role.AGENT, Role.REFERENT)),
        "view_consumption": public_servant,
        "maintain": signed_in and user.is_superuser,
    }


def order_abilities(order: Order, user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    cipc = is_cipc(user)
    in_ministry = signed_in and order.ministry_id in user.ministry_ids(Role.AGENT, Role.REFERENT)
    referent = signed_in and order.ministry_id in user.ministry_ids(Role.REFERENT)
    referent_step = referent and ORDER_WORKFLOW.allows(order, "validate_as_referent")
    cipc_step = cipc and ORDER_WORKFLOW.allows(order, "validate_as_cipc")
    return {
        "view": cipc or in_ministry,
        "validate_as_referent": referent_step,
        "validate_as_cipc": cipc_step,
        "refuse": referent_step or cipc_step,
        "cancel": signed_in
        and order.requested_by_id == user.pk
        and ORDER_WORKFLOW.allows(order, "cancel"),
    }

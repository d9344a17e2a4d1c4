"""The lifecycle of an order: its statuses and the named steps between them (issue 20).

Every change of an order's status goes through `ORDER_WORKFLOW.take`, which refuses a step
its status does not allow and writes it once in the order's history (`OrderTransition`)
and once in the activity log, as `procurement.<step>`.
"""

from django.utils.translation import gettext_lazy as _

from concerto.activity.log import record
from concerto.procurement.models import OrderStatus, OrderTransition
from concerto.workflow import Step, Workflow

# An order being placed has no status yet: `place_order` creates it with this blank one
# inside its transaction and takes the `place` step at once, so that its first history
# entry says where it came from ("" → submitted) like every later one.
NOT_PLACED = ""

# Orders still waiting for a validation, which their requester may cancel.
_ON_THEIR_WAY = frozenset({OrderStatus.SUBMITTED, OrderStatus.REFERENT_VALIDATED})

ORDER_WORKFLOW = Workflow(
    name="procurement",
    statuses=OrderStatus,
    initial=OrderStatus.SUBMITTED,
    steps={
        "place": Step(frozenset({NOT_PLACED}), OrderStatus.SUBMITTED),
        "validate_as_referent": Step(
            frozenset({OrderStatus.SUBMITTED}), OrderStatus.REFERENT_VALIDATED
        ),
        "validate_as_cipc": Step(frozenset({OrderStatus.REFERENT_VALIDATED}), OrderStatus.SENT),
        # The referent refuses a new order, the CIPC one the referent validated.
        "refuse": Step(_ON_THEIR_WAY, OrderStatus.REFUSED),
        "cancel": Step(_ON_THEIR_WAY, OrderStatus.CANCELLED),
    },
    history=lambda: OrderTransition,
    subject="order",
    record=record,
    refusal=_("Ce bon de commande n'est plus à cette étape (statut : %(status)s)."),
)

"""What a user may do with support requests: read by actions, views and templates.

Each transition of a request is a named ability; a refused one raises before
anything changes.
"""

from concerto.accounts import policy
from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role
from concerto.support.models import Formula
from concerto.support.workflow import SUPPORT_WORKFLOW


def may_request(user) -> bool:
    """Agents and referents of a ministry, and sponsors of a process, ask for support."""
    if not policy.signed_in(user):
        return False
    return bool(user.ministry_ids(Role.AGENT, Role.REFERENT)) or user.sponsored_processes.exists()


def request_abilities(support_request, user) -> dict[str, bool]:
    cipc = is_cipc(user)
    own = policy.signed_in(user) and support_request.requester_id == user.pk
    referent = policy.signed_in(user) and support_request.ministry_id in user.ministry_ids(
        Role.REFERENT
    )

    def cipc_may(step: str) -> bool:
        return cipc and SUPPORT_WORKFLOW.allows(support_request, step)

    return {
        "view": cipc or own or referent,
        "view_log": cipc or own or referent,
        "accept": cipc_may("accept"),
        "redirect_to_coaching": cipc_may("redirect_to_coaching")
        and support_request.formula_requested == Formula.END_TO_END,
        "decline": cipc_may("decline"),
        "assign": cipc_may("assign"),
        # Planning a milestone and marking it reached.
        "plan": cipc_may("add_milestone"),
        "note": cipc_may("note"),
        "close": cipc_may("close"),
        "answer_survey": own
        and SUPPORT_WORKFLOW.allows(support_request, "survey")
        and not hasattr(support_request, "survey"),
    }

"""Who may evaluate a process, and what each person may do with its evaluation."""

from concerto.accounts import policy
from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role
from concerto.evaluation.models import EvaluatorGrant
from concerto.processes.lifecycle import Status

# Participation is over: surveys can be sent and the report written.
EVALUABLE_STATUSES = frozenset(
    {Status.CLOSED, Status.ANALYSED, Status.FOLLOW_UP_PUBLISHED, Status.EVALUATED,
     Status.ARCHIVED}
)  # fmt: skip


def can_evaluate(user, process) -> bool:
    """CIPC advisors evaluate any process; an expert only a process they were given
    access to (an independent evaluator); nobody else, organisers included."""
    if not policy.signed_in(user):
        return False
    if is_cipc(user):
        return True
    if Role.EXPERT not in user.roles:
        return False

    return EvaluatorGrant.objects.filter(process=process, expert=user).exists()


def evaluation_abilities(process, user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    in_ministry = signed_in and process.ministry_id in user.ministry_ids(Role.AGENT, Role.REFERENT)
    cipc = is_cipc(user)
    evaluator = can_evaluate(user, process)
    over = process.status in EVALUABLE_STATUSES
    return {
        "view": in_ministry or evaluator,
        # The organisers send the surveys and enter the reference margins; so may evaluators.
        "open_surveys": (in_ministry or evaluator) and over,
        "edit_margins": in_ministry or evaluator,
        "write_report": evaluator and over,
        "grant_access": cipc,
    }

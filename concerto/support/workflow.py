"""The lifecycle of a support request: its statuses and the named steps between them
(issue 20).

Every step goes through `SUPPORT_WORKFLOW.take`, which refuses a step the request's
status does not allow and writes it once in the case log (`LogEntry`) and, for the
CIPC's steps, once in the activity log as `support.<step>`. The steps whose target is
None keep the status: they are events of the support (an advisor named, a milestone,
a note, the satisfaction survey).
"""

from django.utils.translation import gettext_lazy as _

from concerto.activity.log import record
from concerto.support.models import LogEntry, Status
from concerto.workflow import Step, Workflow

Kind = LogEntry.Kind

# A request being filed has no status yet: `submit_request` creates it with this blank
# one inside its transaction and takes the `submit` step at once, so that its first log
# entry says where it came from ("" → submitted) like every later one.
NOT_SUBMITTED = ""

_SUBMITTED = frozenset({Status.SUBMITTED})
_ACCEPTED = frozenset({Status.ACCEPTED})

SUPPORT_WORKFLOW = Workflow(
    name="support",
    statuses=Status,
    initial=Status.SUBMITTED,
    steps={
        # The requester's own steps are not staff actions: the case log keeps them, the
        # activity log does not (issue 22).
        "submit": Step(
            frozenset({NOT_SUBMITTED}), Status.SUBMITTED, Kind.SUBMITTED.label, staff=False
        ),
        "accept": Step(_SUBMITTED, Status.ACCEPTED, Kind.ACCEPTED.label),
        # Accepted as light coaching whatever the formula asked (the ability keeps it to
        # end-to-end requests).
        "redirect_to_coaching": Step(_SUBMITTED, Status.ACCEPTED, Kind.REDIRECTED.label),
        "decline": Step(_SUBMITTED, Status.DECLINED, Kind.DECLINED.label),
        # An event's detail (the advisor, the milestone) is in its activity line's summary
        # already, and a note's text is kept once, in the case log: no reason in the line.
        "assign": Step(_ACCEPTED, None, Kind.ASSIGNED.label, reason_in_activity=False),
        "add_milestone": Step(_ACCEPTED, None, Kind.MILESTONE.label, reason_in_activity=False),
        "complete_milestone": Step(
            _ACCEPTED, None, Kind.MILESTONE_DONE.label, reason_in_activity=False
        ),
        "note": Step(_ACCEPTED, None, Kind.NOTE.label, reason_in_activity=False),
        "close": Step(_ACCEPTED, Status.CLOSED, Kind.CLOSED.label),
        "survey": Step(frozenset({Status.CLOSED}), None, Kind.SURVEY.label, staff=False),
    },
    history=lambda: LogEntry,
    subject="request",
    record=record,
    refusal=_("Cette action n'est plus possible : la demande est « %(status)s »."),
)

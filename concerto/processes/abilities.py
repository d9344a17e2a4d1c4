"""What a user may do with one process: the single answer views, templates and the API read."""

from concerto.accounts import policy
from concerto.accounts.roles import Role
from concerto.processes.lifecycle import (
    EDITABLE_STATUSES,
    FINISHED_STATUSES,
    PREPARATION_STATUSES,
    REFERRED_STATUSES,
    Status,
)


def process_abilities(process, user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    in_ministry = signed_in and process.ministry_id in user.ministry_ids(Role.AGENT, Role.REFERENT)
    agent = signed_in and process.ministry_id in user.ministry_ids(Role.AGENT)
    referent = signed_in and process.ministry_id in user.ministry_ids(Role.REFERENT)
    cipc = signed_in and Role.CIPC_ADVISOR in user.roles
    sponsor = signed_in and process.sponsor_id == user.pk
    status = process.status
    referral = getattr(process, "referral", None) if process.pk else None
    opinion = getattr(referral, "opinion", None) if referral else None
    return {
        "view": process.is_public or in_ministry or cipc or (signed_in and user.is_superuser),
        "view_workspace": in_ministry or cipc or sponsor,
        "edit": in_ministry and status in EDITABLE_STATUSES,
        "mark_ready_for_referent": agent and status == Status.DRAFT,
        "return_to_agent": referent and status == Status.READY_FOR_REFERENT,
        "submit_referral": referent and status in PREPARATION_STATUSES,
        "resubmit_referral": referent and status in REFERRED_STATUSES,
        "assign_advisor": cipc and status in REFERRED_STATUSES,
        "review": cipc and status == Status.UNDER_REVIEW,
        "ask_question": cipc and status in REFERRED_STATUSES,
        "answer_question": in_ministry and status in REFERRED_STATUSES,
        "issue_opinion": cipc
        and status == Status.UNDER_REVIEW
        and referral is not None
        and referral.advisor_id == user.pk,
        "answer_recommendations": sponsor
        and opinion is not None
        and status == Status.OPINION_ISSUED,
        "publish": referent and status == Status.OPINION_ISSUED,
        "open_participation": referent and status == Status.PUBLISHED,
        # Participation modules are prepared, fed with offline contributions and
        # moderated by the ministry at any stage; the CIPC may moderate too.
        "manage_participation": in_ministry,
        "moderate": in_ministry or cipc,
        # Any process of the ministry may serve as the model of a new draft.
        "duplicate": in_ministry,
        # Only a draft never referred to the CIPC leaves no trace when deleted.
        "delete": in_ministry and status == Status.DRAFT and referral is None,
        "archive": referent and status in FINISHED_STATUSES,
    }

"""What a user may do with the follow-up of one process: read by actions, views and templates."""

from concerto.accounts import policy
from concerto.accounts.roles import Role
from concerto.processes.lifecycle import Status

# Statuses in which the sponsor's team writes and publishes answers.
ANSWERING_STATUSES = frozenset(
    {Status.CLOSED, Status.ANALYSED, Status.FOLLOW_UP_PUBLISHED, Status.EVALUATED}
)


def followup_abilities(process, user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    in_ministry = signed_in and process.ministry_id in user.ministry_ids(Role.AGENT, Role.REFERENT)
    referent = signed_in and process.ministry_id in user.ministry_ids(Role.REFERENT)
    sponsor = signed_in and process.sponsor_id == user.pk
    answering = process.status in ANSWERING_STATUSES
    return {
        "manage": in_ministry or sponsor,
        "close_participation": referent and process.status == Status.OPEN,
        # The sponsor's team drafts answers; the sponsor or the referent publishes them.
        "answer": (in_ministry or sponsor) and answering,
        "publish": (sponsor or referent) and answering,
        "publish_follow_up": (sponsor or referent)
        and process.status in {Status.CLOSED, Status.ANALYSED},
        "change_commitment": (sponsor or referent) and process.is_public,
        "rate": signed_in and process.is_public,
    }

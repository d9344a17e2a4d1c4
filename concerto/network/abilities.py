"""What a user may do in the referents network."""

from concerto.accounts import policy
from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role


def network_abilities(user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    public_servant = signed_in and bool(
        {Role.AGENT, Role.REFERENT, Role.CIPC_ADVISOR, Role.ADMINISTRATOR} & set(user.roles)
    )
    member = signed_in and (
        is_cipc(user) or Role.REFERENT in user.roles or user.deputyships.exists()
    )
    return {
        "view_directory": public_servant,
        "view_overview": is_cipc(user),
        "view_meetings": member,
        "manage_meetings": is_cipc(user),
    }


def plan_abilities(ministry, user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    in_ministry = signed_in and ministry.pk in user.ministry_ids(Role.AGENT, Role.REFERENT)
    referent = signed_in and (
        ministry.pk in user.ministry_ids(Role.REFERENT)
        or user.deputyships.filter(ministry=ministry).exists()
    )
    return {"view": in_ministry or referent or is_cipc(user), "edit": referent}


def meeting_abilities(meeting, user) -> dict[str, bool]:
    network = network_abilities(user)
    published = meeting.minutes_published_at is not None
    return {
        "view": network["view_meetings"],
        "view_minutes": network["manage_meetings"] or (network["view_meetings"] and published),
        "edit": network["manage_meetings"],
        "publish": network["manage_meetings"] and not published and bool(meeting.minutes.strip()),
    }

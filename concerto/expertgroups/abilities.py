"""What a user may do with an expert group and with the processes it studies."""

from concerto.accounts import policy
from concerto.accounts.policy import is_cipc
from concerto.accounts.roles import Role


def is_member(group, user) -> bool:
    return (
        policy.signed_in(user)
        and Role.EXPERT in user.roles
        and group.memberships.filter(user=user).exists()
    )


def group_abilities(group, user) -> dict[str, bool]:
    cipc = is_cipc(user)
    member = is_member(group, user)
    return {
        "view": member or cipc,
        "write": member or cipc,
        "manage": cipc,
        # The CIPC turns the group's work into recommendations to the government.
        "publish": cipc,
    }


def may_study(group, process, user) -> bool:
    """A member reads a process's data only if the CIPC gave the group access to it."""
    return group_abilities(group, user)["view"] and group.processes.filter(pk=process.pk).exists()


def can_create_group(user) -> bool:
    return is_cipc(user)


def can_record_answer(user) -> bool:
    """The CIPC records the government's answers on its behalf."""
    return is_cipc(user)

"""Who may manage a ministry's API tokens: its referent, and administrators."""

from concerto.accounts import policy
from concerto.accounts.roles import Role


def token_abilities(organisation, user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    referent = signed_in and organisation.pk in user.ministry_ids(Role.REFERENT)
    admin = signed_in and user.is_superuser
    return {"manage": referent or admin}

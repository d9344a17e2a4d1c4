"""What a user may do on the platform as a whole.

Each domain object answers the same question for itself with a
`get_abilities(user)` method; views, templates and the API read those
answers instead of testing roles themselves.
"""

from concerto.accounts import policy
from concerto.accounts.roles import Role


def may_change_site_settings(user) -> bool:
    """The site-wide notice (an alert banner on every public page) and the accessibility
    status the footer declares: the platform's administrators only."""
    return policy.is_administrator(user)


def platform_abilities(user) -> dict[str, bool]:
    signed_in = policy.signed_in(user)
    roles = user.roles if signed_in else ()
    abilities = {
        "sign_in": not signed_in,
        "view_dashboard": signed_in,
        "access_admin": signed_in and user.is_superuser,
        "change_site_settings": may_change_site_settings(user),
    }
    for role in Role:
        abilities[f"dashboard_{role.value}"] = role in roles
    return abilities


def may_manage_role(user, role: str | None = None) -> bool:
    """Who gives and withdraws roles in the administration space: the platform's
    administrators (superusers) any role; CIPC advisors every role but their own, which
    only an administrator gives (it opens every ministry's declarations). With no `role`:
    whether the user may open the space at all."""
    if not policy.signed_in(user):
        return False
    if user.is_superuser:
        return True
    return Role.CIPC_ADVISOR in user.roles and role != Role.CIPC_ADVISOR

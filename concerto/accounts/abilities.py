"""What a user may do on the platform as a whole.

Each domain object answers the same question for itself with a
`get_abilities(user)` method; views, templates and the API read those
answers instead of testing roles themselves.
"""

from concerto.accounts.roles import Role


def platform_abilities(user) -> dict[str, bool]:
    signed_in = bool(user and user.is_authenticated and user.is_active)
    roles = user.roles if signed_in else ()
    abilities = {
        "sign_in": not signed_in,
        "view_dashboard": signed_in,
        "access_admin": signed_in and user.is_superuser,
    }
    for role in Role:
        abilities[f"dashboard_{role.value}"] = role in roles
    return abilities

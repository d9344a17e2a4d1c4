from django.core.exceptions import PermissionDenied


def require(module, user, ability: str) -> None:
    if not module.get_abilities(user)[ability]:
        raise PermissionDenied


class RateLimited(Exception):
    """Too many submissions from one person or address in a short time."""

from django.core.exceptions import PermissionDenied


def require(module, user, ability: str, *, kind: str | None = None) -> None:
    """Refuse unless `user` has `ability` on `module` (and the module is of `kind`, for
    actions that only make sense in one kind of module)."""
    if (kind is not None and module.kind != kind) or not module.get_abilities(user)[ability]:
        raise PermissionDenied


class RateLimited(Exception):
    """Too many submissions from one person or address in a short time."""

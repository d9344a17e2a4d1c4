from django.core.exceptions import PermissionDenied, ValidationError


def require(module, user, ability: str, *, kind: str | None = None) -> None:
    """Refuse unless `user` has `ability` on `module` (and the module is of `kind`, for
    actions that only make sense in one kind of module)."""
    if (kind is not None and module.kind != kind) or not _abilities(module, user)[ability]:
        raise PermissionDenied


def _abilities(module, user) -> dict[str, bool]:
    """The abilities the view read for `user` when it loaded `module` in this request
    (participation/views/common.py, module_for), else read now: a submission checked
    them, bans included, twice."""
    read = getattr(module, "abilities_read", None)
    if read is not None and read[0] == getattr(user, "pk", None):
        return read[1]
    return module.get_abilities(user)


class RateLimited(Exception):
    """Too many submissions from one person or address in a short time."""


def is_blank(text: str | None) -> bool:
    """True when `text` shows nothing: empty, spaces (non-breaking ones included) or
    invisible format characters such as a zero-width space."""
    return not any(char.isprintable() and not char.isspace() for char in text or "")


def required_text(text: str | None, *, field: str, message) -> str:
    """`text` without its surrounding spaces, or a ValidationError naming `field` when it
    shows nothing: a title of spaces would be saved as an empty heading, a link without a
    name."""
    if is_blank(text):
        raise ValidationError({field: message})
    return text.strip()

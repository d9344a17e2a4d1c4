"""Fail loudly on undefined variables in the project's own templates."""

import inspect
from pathlib import Path

PROJECT_TEMPLATES = str(Path(__file__).resolve().parent.parent)


class InvalidTemplateVariable(str):
    """A `string_if_invalid` value that raises for the project's templates.

    Third-party templates (django-dsfr, the admin) rely on undefined variables
    rendering as an empty string, so they keep that behaviour.
    """

    def __mod__(self, variable: object) -> str:
        origin = _rendering_template_origin()
        if origin and origin.startswith(PROJECT_TEMPLATES):
            raise NameError(f"Undefined template variable {str(variable)!r} in {origin}")
        return ""


def _rendering_template_origin() -> str | None:
    frame = inspect.currentframe()
    while frame is not None:
        node = frame.f_locals.get("self")
        origin = getattr(node, "origin", None)
        if origin is not None and getattr(origin, "name", None):
            return str(origin.name)
        frame = frame.f_back
    return None

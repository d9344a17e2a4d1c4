"""An action's refusal shown to the person who asked for it.

Actions refuse with a `ValidationError` (see ARCHITECTURE.md): keyed by field when they
can say which value is wrong, plain otherwise. A view that redisplays its form puts the
messages on it with `add_errors`; a view that only redirects (a button, no form) shows
them as flash messages with `flash_errors`.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def error_messages(error: ValidationError) -> list[str]:
    """Every message of the error, whatever field it names, as text."""
    return [str(message) for message in error.messages]


def add_errors(form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show an action's ValidationError on the form, next to the fields it names.

    `aliases` maps a name the action uses to the form's field showing that value
    (`{"pseudonym": "author"}`)."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            name = aliases.get(field, field)
            # A field the form does not show: the message goes above the form.
            name = name if name in form.fields or name == NON_FIELD_ERRORS else None
            for message in errors:
                form.add_error(name, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def flash_errors(request, error: ValidationError) -> None:
    """Show an action's ValidationError as error messages on the next page."""
    for message in error_messages(error):
        messages.error(request, message)

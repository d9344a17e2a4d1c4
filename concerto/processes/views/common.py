from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from concerto.processes.models import Process


def process_for(request, pk: int, ability: str) -> tuple[Process, dict[str, bool]]:
    """The process if the user may see it (else 404) and do `ability` on it (else 403)."""
    queryset = Process.objects.visible_to(request.user).select_related(
        "ministry", "directorate", "sponsor", "project_lead", "referral__version",
        "referral__advisor", "referral__opinion",
    )  # fmt: skip
    process = get_object_or_404(queryset, pk=pk)
    abilities = process.get_abilities(request.user)
    if not abilities["view_workspace"]:
        raise Http404
    if not abilities[ability]:
        raise PermissionDenied
    return process, abilities


def error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def add_errors(form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show an action's ValidationError on the form, next to the fields it names."""
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

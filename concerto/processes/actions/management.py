"""Managing whole processes: copy one as a new draft, delete a draft, archive a finished one."""

import uuid
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.processes.actions.common import locked, require, transition
from concerto.processes.actions.declaration import _unique_slug
from concerto.processes.models import FollowUpCommitment, InformationSource, Process

# What a copy starts afresh rather than inherits: identity, lifecycle, bookkeeping.
NOT_COPIED = frozenset(
    {"id", "title", "slug", "project_lead", "status", "revision", "created_at", "updated_at",
     "published_at", "copied_from", "creation_key"}
)  # fmt: skip
# What a copy also takes from the domains built on processes (participation's modules):
# each adds, from its AppConfig.ready(), a callable given the source and the saved copy.
_ALSO_COPIED: dict[str, Callable[[Process, Process], None]] = {}


def also_copy(name: str, copier: Callable[[Process, Process], None]) -> None:
    """Called from an AppConfig.ready(); adding the same copier twice is harmless."""
    if _ALSO_COPIED.get(name, copier) != copier:
        raise ImproperlyConfigured(f"Two copiers of processes named {name!r}.")
    _ALSO_COPIED[name] = copier


def field_values(instance, excluded: frozenset) -> dict:
    """The values of `instance`'s columns but `excluded`, for a copy's constructor."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in excluded
    }


@transaction.atomic
def duplicate_process(process: Process, *, actor, creation_key: uuid.UUID) -> Process:
    """A new draft led by `actor` with `process`'s declaration, commitments and what the
    other domains copy (participation: its modules).

    Never copied: its referral, the CIPC's opinion, contributions, answers and its log.
    The same `creation_key` (the form's) returns the copy already made.
    """
    source = locked(process)
    require(source, actor, "duplicate")
    existing = Process.objects.filter(creation_key=creation_key).first()
    if existing is not None:
        return existing
    title = (_("%(title)s (copie)") % {"title": source.title})[:200]
    copy = Process(
        **field_values(source, NOT_COPIED),
        title=title,
        slug=_unique_slug(title),
        project_lead=actor,
        copied_from=source,
        creation_key=creation_key,
    )
    require(copy, actor, "edit")
    copy.save()
    copy.themes.set(source.themes.all())
    InformationSource.objects.bulk_create(
        InformationSource(**field_values(row, frozenset({"id", "process"})), process=copy)
        for row in source.sources.all()
    )
    FollowUpCommitment.objects.bulk_create(
        FollowUpCommitment(**field_values(row, frozenset({"id", "process"})), process=copy)
        for row in source.commitments.all()
    )
    for copier in _ALSO_COPIED.values():
        copier(source, copy)
    transition(
        copy, "duplicate_process", actor, _("Copie de « %(title)s »") % {"title": source.title}
    )
    return copy


@transaction.atomic
def delete_process(process: Process, *, actor) -> None:
    """Delete a draft that was never referred to the CIPC and received no participation."""
    process = locked(process)
    require(process, actor, "delete")
    received = sum(module.participation_count() for module in process.modules.all())
    if received:
        raise ValidationError(
            ngettext(
                "Ce brouillon a déjà reçu %(count)s participation : il ne peut pas être supprimé.",
                "Ce brouillon a déjà reçu %(count)s participations : il ne peut pas être supprimé.",
                received,
            )
            % {"count": received}
        )
    original, title = process.copied_from, process.title
    try:
        # The savepoint keeps the transaction usable when a protected row refuses.
        with transaction.atomic():
            process.delete()
    except ProtectedError:
        raise ValidationError(
            _("Ce brouillon est déjà lié à d'autres dossiers (commande, panel…) : "
              "il ne peut pas être supprimé.")
        ) from None  # fmt: skip
    if original is not None:
        # The copy's own log goes with it; its original keeps the trace.
        transition(
            locked(original), "delete_copy", actor,
            _("Copie « %(title)s » supprimée") % {"title": title},
        )  # fmt: skip


@transaction.atomic
def archive_process(process: Process, *, actor, reason: str = "") -> Process:
    """Archive a finished process: its follow-up is published (and maybe evaluated)."""
    process = locked(process)
    require(process, actor, "archive")
    transition(process, "archive_process", actor, reason)
    return process

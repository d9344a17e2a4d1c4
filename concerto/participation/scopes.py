"""The generation of each module (concerto/generations.py): what is kept of its pages is
read again only while nothing it shows has changed.

A module's pages show its settings, its process's state, dates and themes, and its
contributions; every save of one of those, and every change of the process's themes,
renews the module's scope, whichever action (or test factory) made it. Supports are
counted on the proposals' pages: their own app renews the scope of the proposal's module
(concerto/proposals/apps.py).

A module's row with its process (`kept_module`), read by every request to the module's
pages, has a scope of its own: renewed by the saves and deletions of the two rows, not
by each contribution, so that it stays kept while the module receives contributions.
So do each user's bans (`kept_bans`), which every signed-in request there checks.
"""

from datetime import date

from django.db.models.signals import m2m_changed, post_delete, post_save

from concerto.generations import Spec, remembered, remembered_many, renew, renew_on_rows
from concerto.participation.models import Ban, Contribution, Module
from concerto.processes.models import Process

KEPT_SECONDS = 300


def module_scope(module_id: int) -> str:
    return f"module:{module_id}"


def module_row_scope(module_id: int) -> str:
    return f"module-row:{module_id}"


def bans_scope(user_id: int) -> str:
    return f"bans:user:{user_id}"


def _module_row(module_id: int) -> Spec:
    def load() -> Module | None:
        return Module.objects.select_related("process").filter(pk=module_id).first()

    return (module_row_scope(module_id), "row", load, KEPT_SECONDS)


def _bans_of(user_id: int) -> Spec:
    def load() -> list[tuple[int | None, date | None]]:
        unlifted = Ban.objects.filter(user_id=user_id, lifted_at__isnull=True)
        return list(unlifted.values_list("process_id", "until"))

    return (bans_scope(user_id), "bans", load, KEPT_SECONDS)


def kept_module(module_id: int) -> Module | None:
    """The module with its process, as the database holds them now, or None. A copy of
    its own for each request: what a request sets on it stays in that request."""
    return remembered(*_module_row(module_id))


def kept_bans(user_id: int) -> list[tuple[int | None, date | None]]:
    """The user's bans not lifted, as (process id, or None for the whole platform; last
    day, or None), read by every signed-in request to a module's pages: kept until one
    of the user's bans is saved or deleted. The date is compared by the caller."""
    return remembered(*_bans_of(user_id))


def kept_module_and_bans(module_id: int, user_id: int) -> tuple[Module | None, list]:
    """Both in one round trip: a signed-in request to a module reads both."""
    module, bans = remembered_many([_module_row(module_id), _bans_of(user_id)])
    return module, bans


def _contribution_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renew(module_scope(instance.module_id))


def _module_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renew(module_scope(instance.pk), module_row_scope(instance.pk))


def _process_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.pk:
        modules = Module.objects.filter(process=instance).values_list("pk", flat=True)
        renew(*(scope for pk in modules for scope in (module_scope(pk), module_row_scope(pk))))


def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A process's themes are its proposals' filters and the choices of its forms."""
    if not action.startswith("post_"):
        return
    # From a theme's side every process it was added to or removed from is named.
    processes = (pk_set or set()) if reverse else {instance.pk}
    modules = Module.objects.filter(process__in=processes).values_list("pk", flat=True)
    renew(*(module_scope(pk) for pk in modules))


def connect() -> None:
    post_save.connect(_contribution_saved, sender=Contribution, dispatch_uid="scopes-c")
    post_save.connect(_module_saved, sender=Module, dispatch_uid="scopes-m")
    post_save.connect(_process_saved, sender=Process, dispatch_uid="scopes-p")
    renew_on_rows(
        {"participation.Ban": lambda ban: ban.user_id},
        lambda user_id: renew(bans_scope(user_id)),
        "scopes-bans",
    )
    # A deleted process deletes its modules: each heard here, before its process goes.
    post_delete.connect(_module_saved, sender=Module, dispatch_uid="scopes-m-deleted")
    m2m_changed.connect(
        _themes_changed, sender=Process.themes.through, dispatch_uid="scopes-p-themes"
    )

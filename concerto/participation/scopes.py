"""The generation of each module (concerto/generations.py): what is kept of its pages is
read again only while nothing it shows has changed.

A module's pages show its settings, its process's state, dates and themes, and its
contributions; every save of one of those, and every change of the process's themes,
renews the module's scope, whichever action (or test factory) made it. Supports are
counted on the proposals' pages: their own app renews the scope of the proposal's module
(concerto/proposals/apps.py).
"""

from django.db.models.signals import m2m_changed, post_save

from concerto.generations import renew
from concerto.participation.models import Contribution, Module
from concerto.processes.models import Process


def module_scope(module_id: int) -> str:
    return f"module:{module_id}"


def _contribution_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renew(module_scope(instance.module_id))


def _module_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renew(module_scope(instance.pk))


def _process_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.pk:
        modules = Module.objects.filter(process=instance).values_list("pk", flat=True)
        renew(*(module_scope(pk) for pk in modules))


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
    m2m_changed.connect(
        _themes_changed, sender=Process.themes.through, dispatch_uid="scopes-p-themes"
    )

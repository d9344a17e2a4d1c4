"""The registry's generation (concerto/generations.py): pages that list processes across
ministries (the home page's open processes and figures) are kept until a process is
saved or deleted, whichever action (or test factory) did it."""

from django.db.models.signals import post_delete, post_save

from concerto.generations import renew

REGISTRY = "registry"


def _process_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renew(REGISTRY)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_process_changed, sender="processes.Process", dispatch_uid="registry")

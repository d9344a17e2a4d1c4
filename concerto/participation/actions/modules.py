from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concerto.participation.models import Module


@transaction.atomic
def create_module(
    process, *, actor, kind: str, title: str, opens_on, closes_on, **fields
) -> Module:
    """Add a participation module to a process of the actor's ministry."""
    if not process.get_abilities(actor)["view_workspace"] or actor.pk is None:
        raise PermissionDenied
    module = Module(process=process, kind=kind, title=title, opens_on=opens_on,
                    closes_on=closes_on, **fields)  # fmt: skip
    if not module.get_abilities(actor)["manage"]:
        raise PermissionDenied
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("La clôture doit suivre l'ouverture.")})
    module.position = process.modules.count() + 1
    module.full_clean()
    module.save()
    return module

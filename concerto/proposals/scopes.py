"""A support given or withdrawn moves the counts on its module's pages: it renews the
module's generation (concerto/participation/scopes.py)."""

from django.db.models.signals import post_delete, post_save

from concerto.generations import renew
from concerto.participation.models import Contribution
from concerto.participation.scopes import module_scope
from concerto.proposals.models import Support


def _support_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if Support.proposal.is_cached(instance):
        module_id = instance.proposal.module_id
    else:
        module_id = (
            Contribution.objects.filter(pk=instance.proposal_id)
            .values_list("module_id", flat=True)
            .first()
        )
    if module_id is not None:
        renew(module_scope(module_id))


def connect() -> None:
    post_save.connect(_support_changed, sender=Support, dispatch_uid="scopes-support")
    post_delete.connect(_support_changed, sender=Support, dispatch_uid="scopes-unsupport")

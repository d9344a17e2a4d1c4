"""Each suggestion's stored support count, kept by the supports themselves.

A support made or withdrawn (or deleted with its account) moves the count by one, in
the database (no lost update between two requests); a merge moves supports in bulk, so
the MergeEvent it writes recounts its two suggestions. A version published renews its
module's generation, so that no kept page shows the text before it.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from concerto.codrafting.models import Suggestion, TextVersion
from concerto.generations import renew
from concerto.participation.scopes import module_scope
from concerto.proposals.models import MergeEvent, Support


def recount(suggestions) -> None:
    """Count afresh the supports of these suggestions (a queryset)."""
    counted = (
        Support.objects.filter(proposal=OuterRef("contribution_id"))
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    suggestions.update(
        supports_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
    )


def support_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        Suggestion.objects.filter(contribution_id=instance.proposal_id).update(
            supports_count=F("supports_count") + 1
        )


def support_deleted(sender, instance, **kwargs) -> None:
    Suggestion.objects.filter(contribution_id=instance.proposal_id, supports_count__gt=0).update(
        supports_count=F("supports_count") - 1
    )


def merged(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        pair = [instance.source_id, instance.target_id]
        recount(Suggestion.objects.filter(contribution_id__in=pair))


def version_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.published_at is not None:  # drafts show on no public page
        renew(module_scope(instance.module_id))


def connect() -> None:
    post_save.connect(support_saved, sender=Support, dispatch_uid="codrafting-support")
    post_delete.connect(support_deleted, sender=Support, dispatch_uid="codrafting-unsupport")
    post_save.connect(merged, sender=MergeEvent, dispatch_uid="codrafting-merge")
    post_save.connect(version_saved, sender=TextVersion, dispatch_uid="codrafting-version")

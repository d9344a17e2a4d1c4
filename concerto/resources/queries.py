"""Read-side helpers of the resource centre's pages."""

from django.db.models import Case, Count, IntegerField, Q, Value, When

from concerto.folding import french_order
from concerto.followup.models import Answer, Rating
from concerto.processes.lifecycle import PUBLIC_STATUSES
from concerto.resources.models.faq import FaqEntryPage


def faq_by_theme(index_page) -> list[dict]:
    """The live questions under `index_page`, grouped by theme in the themes' order."""
    entries = (
        FaqEntryPage.objects.live()
        .child_of(index_page)
        .select_related("theme")
        .order_by("theme__position", *french_order("theme__name"), *french_order("title"))
    )
    groups: list[dict] = []
    for entry in entries:
        if not groups or groups[-1]["theme"].pk != entry.theme_id:
            groups.append({"theme": entry.theme, "entries": []})
        groups[-1]["entries"].append(entry)
    return groups


def followup_examples(count: int):
    """Published answers of public processes that citizens judged answered, the ones that
    cite their decision document first: examples of a devoir de suite done well."""
    return (
        Answer.objects.published()
        .filter(process__status__in=PUBLIC_STATUSES)
        .select_related("process", "process__ministry", "status")
        .annotate(
            judged_answered=Count("ratings", filter=Q(ratings__value=Rating.Value.YES)),
            documented=Case(
                When(~Q(decision_url="") | ~Q(legal_reference=""), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-judged_answered", "-documented", "-published_at")[:count]
    )

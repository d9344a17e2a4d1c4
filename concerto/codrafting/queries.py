"""Reading the text and its suggestions: one query per list, counted in the database."""

from collections import defaultdict

from django.db.models import Count, Q

from concerto.codrafting.legacy import ImportedRecord
from concerto.codrafting.models import Suggestion, TextUnit, TextVersion, UnitKind
from concerto.participation.models import Contribution, ContributionKind

MAX_VERSIONS_BACK = 50


def published_versions(module):
    return module.text_versions.filter(published_at__isnull=False).order_by("number")


def current_version(module) -> TextVersion | None:
    """The version citizens read and suggest on: the latest published."""
    return published_versions(module).order_by("-number").first()


def lineage(units: list[TextUnit]) -> dict[int, list[int]]:
    """Each unit's pk with those of the same unit in earlier versions (its origins), so
    that suggestions made on version 1 still show on version 2."""
    chains = {unit.pk: [unit.pk] for unit in units}
    tips = {unit.pk: unit.origin_id for unit in units if unit.origin_id}
    for _step in range(MAX_VERSIONS_BACK):
        if not tips:
            break
        origins = dict(TextUnit.objects.filter(pk__in=tips.values()).values_list("pk", "origin_id"))
        for pk, origin in list(tips.items()):
            chains[pk].append(origin)
            if origins.get(origin):
                tips[pk] = origins[origin]
            else:
                del tips[pk]
    return chains


def listed_suggestions():
    """Suggestions citizens see: published, not merged into another."""
    return Contribution.objects.filter(
        kind=ContributionKind.PROPOSAL,
        status=Contribution.Status.PUBLISHED,
        merged_into__isnull=True,
        text_suggestion__isnull=False,
    )


def suggestion_counts(chains: dict[int, list[int]]) -> dict[int, int]:
    """Listed suggestions per unit (its origins' included)."""
    owner = {pk: unit for unit, pks in chains.items() for pk in pks}
    counts: dict[int, int] = defaultdict(int)
    rows = (
        listed_suggestions()
        .filter(text_suggestion__unit__in=list(owner))
        .values_list("text_suggestion__unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for unit_id, n in rows:
        counts[owner[unit_id]] += n
    return counts


def suggestions_on(unit_ids: list[int]):
    """Listed suggestions on these units, the most supported first, with their counts."""
    return (
        listed_suggestions()
        .filter(text_suggestion__unit__in=unit_ids)
        .select_related("text_suggestion", "author")
        .annotate(
            n_supports=Count("supports", distinct=True),
            n_for=Count(
                "children",
                filter=Q(children__stance="for", children__status="published"),
                distinct=True,
            ),
            n_against=Count(
                "children",
                filter=Q(children__stance="against", children__status="published"),
                distinct=True,
            ),
        )  # fmt: skip
        .order_by("-n_supports", "-created_at", "-pk")
    )


def article_units(version: TextVersion) -> list[TextUnit]:
    """The titles, chapters, sections and articles of a version: its table of contents."""
    return list(version.units.exclude(kind=UnitKind.PARAGRAPH).order_by("position", "pk"))


def paragraphs_of(article: TextUnit) -> list[TextUnit]:
    return list(article.children.filter(kind=UnitKind.PARAGRAPH).order_by("position", "pk"))


def suggestion_row(contribution_id: int, module) -> Suggestion | None:
    return (
        Suggestion.objects.select_related("unit__version", "unit__parent", "contribution__author")
        .filter(contribution_id=contribution_id, contribution__module=module)
        .first()
    )


def imported_about(article: TextUnit) -> dict:
    """What another platform's dump said of this article (or of its origins): its votes
    there, and the arguments on it, for and against (none for a text written here)."""
    units = [pk for pks in lineage([article]).values() for pk in pks]
    records = ImportedRecord.objects.filter(unit__in=units)
    own = records.filter(source_kind=ImportedRecord.SourceKind.OPINION, contribution__isnull=True)
    arguments = Contribution.objects.filter(
        imported_record__in=records.filter(source_kind=ImportedRecord.SourceKind.ARGUMENT),
        status=Contribution.Status.PUBLISHED,
    ).order_by("created_at", "pk")
    return {"record": own.first(), "arguments": list(arguments[:50]),
            "n_arguments": arguments.count()}  # fmt: skip

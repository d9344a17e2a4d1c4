"""Reading the text and its suggestions: one query per list, counted in the database."""

from collections import defaultdict

from django.db.models import (
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Least

from concerto.codrafting.legacy import ImportedRecord
from concerto.codrafting.models import Suggestion, TextUnit, TextVersion, UnitKind
from concerto.pagination import PagedByIds
from concerto.participation.models import Contribution, ContributionKind
from concerto.participation.opinion_groups import OpinionGroups

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


def _count(queryset):
    """A correlated COUNT(*) of `queryset` (already filtered on OuterRef), 0 when none:
    one index probe per suggestion, where joining supports and arguments together would
    multiply the rows."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def suggestions_on(unit_ids: list[int]):
    """Listed suggestions on these units, the most supported first, with their counts."""
    arguments = Contribution.objects.filter(
        parent=OuterRef("pk"), status=Contribution.Status.PUBLISHED
    )
    return (
        listed_suggestions()
        .filter(text_suggestion__unit__in=unit_ids)
        # The page's authors in a query of their own: joining them here hashes the whole
        # user table before the sort keeps 20 rows.
        .select_related("text_suggestion")
        .prefetch_related("author")
        .annotate(
            n_supports=F("text_suggestion__supports_count"),
            n_for=_count(arguments.filter(stance="for")),
            n_against=_count(arguments.filter(stance="against")),
        )
        .order_by("-n_supports", "-created_at", "-pk")
    )


def with_group_support(queryset, groups: OpinionGroups):
    """Annotate suggestions with the supports from each opinion group (`group_<label>`)
    and `cross_support`: the smallest, over the groups, of the share of the group's
    members who support the suggestion (0 to 1). A suggestion scores high only when
    every group supports it, whatever the groups' sizes: a large group alone cannot lift
    it (the idea of Polis's "group-informed consensus", with the minimum instead of
    Polis's product of smoothed shares, so that the figure reads as a plain share)."""
    counts, shares = {}, []
    for label, size in sorted(groups.sizes.items()):
        name = f"group_{label}"
        counts[name] = Count(
            "supports",
            filter=Q(
                supports__user__opinion_groups__map_id=groups.map_id,
                supports__user__opinion_groups__group=label,
            ),
        )
        shares.append(Cast(F(name), FloatField()) / Value(float(size)))
    return queryset.annotate(**counts).annotate(cross_support=Least(*shares))


def group_support(suggestion, groups) -> dict:
    """A suggestion annotated by `with_group_support`, as the page says it: each group's
    supporters among its members, and the cross-group support, in %."""
    rows = [
        {"name": name, "supports": getattr(suggestion, f"group_{label}"),
         "members": groups.sizes[label],
         "percent": round(100 * getattr(suggestion, f"group_{label}") / groups.sizes[label])}
        for label, name in groups.names.items()
    ]  # fmt: skip
    return {"groups": rows, "percent": round(100 * suggestion.cross_support)}


SUPPORT_ORDER = ("-text_suggestion__supports_count", "-created_at", "-pk")


class SuggestionList(PagedByIds):
    """`suggestions_on` for a Paginator: the order is computed on the suggestions' ids and
    support counts alone, then only the page's rows are read with their authors and
    argument counts (an offset would otherwise compute them for every skipped row).

    With `groups`, the order is by cross-group support first (`with_group_support`,
    computed by the database in the same query), then by support."""

    def __init__(self, unit_ids: list[int], groups: OpinionGroups | None = None):
        self.full = suggestions_on(unit_ids)
        self.listed = listed_suggestions().filter(text_suggestion__unit__in=unit_ids)
        self.in_order = self.listed.order_by(*SUPPORT_ORDER)
        if groups is not None:
            self.full = with_group_support(self.full, groups)
            self.in_order = with_group_support(self.in_order, groups).order_by(
                "-cross_support", *SUPPORT_ORDER
            )

    def page(self, index: slice) -> list:
        pks = list(self.in_order.values_list("pk", flat=True)[index])
        rows = {row.pk: row for row in self.full.filter(pk__in=pks).prefetch_related("merged")}
        return [rows[pk] for pk in pks if pk in rows]


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

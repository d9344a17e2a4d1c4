"""Which contributions the follow-up workspace looks at: the filters of its list (kept in
the address, so a filtered page can be shared and reloaded) and what a bulk answer or a
bulk link applies to. One definition, read by the list, its counts and the background
job that links a selection to an answer, so they never disagree."""

import json
import re
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.http import urlencode

from concerto.analysis.actions import latest_analysis
from concerto.analysis.models import Assignment, CampaignGroup, Theme
from concerto.converters import IdConverter
from concerto.followup.counts import process_scope, remembered
from concerto.followup.models import Answer
from concerto.generations import fingerprint
from concerto.participation.models import Channel, Contribution, ContributionKind

# What the sponsor answers: proposals, open answers to questionnaires, and every
# contribution received offline (paper, meetings), whatever its kind.
ANSWERABLE = Q(kind__in=[ContributionKind.PROPOSAL, ContributionKind.ANSWER]) | ~Q(
    channel=Channel.ONLINE
)
PAGE_SIZE = 50
ID = re.compile(IdConverter.regex)

# The `answer` filter: every contribution, those no answer covers yet, those at least one
# covers; any other value is an answer status's code.
UNANSWERED = "none"
ANSWERED = "any"


@dataclass(frozen=True)
class Selection:
    """Filters of the workspace, plus explicit contribution ids (boxes ticked on a page)."""

    theme: int | None = None  # an analysis theme
    campaign: int | None = None
    module: int | None = None
    channel: str = ""
    answer: str = ""
    covered_by: int | None = None  # an answer: the contributions it covers
    q: str = ""
    ids: tuple[int, ...] = field(default=())

    def as_dict(self) -> dict:
        """JSON-ready, for a background job's arguments."""
        data = asdict(self)
        data["ids"] = list(self.ids)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Selection":
        return cls(**{**data, "ids": tuple(data.get("ids") or ())})

    @property
    def filters(self) -> dict:
        """The filters that are set, by name (ids aside)."""
        return {name: value for name, value in asdict(self).items() if value and name != "ids"}

    def querystring(self) -> str:
        pairs = [*self.filters.items(), *(("contribution", pk) for pk in self.ids)]
        return urlencode(pairs)

    def __bool__(self) -> bool:
        return bool(self.filters or self.ids)


def ids_from(values) -> list[int]:
    """The contribution ids among submitted values: numbers a database key can hold (as
    the `<id:…>` path converter); anything else is left out rather than queried."""
    return [int(value) for value in values if ID.fullmatch(value)]


def answerable(process) -> QuerySet[Contribution]:
    """The contributions the sponsor answers, published and not merged into another."""
    return Contribution.objects.published().filter(
        ANSWERABLE, module__process=process, merged_into__isnull=True
    )


def _covered(**lookups) -> Exists:
    links = Answer.contributions.through.objects.filter(contribution=OuterRef("pk"), **lookups)
    return Exists(links)


def selected(process, selection: Selection) -> QuerySet[Contribution]:
    """The answerable contributions of `process` that `selection` keeps, oldest first."""
    rows = answerable(process)
    if selection.ids:
        rows = rows.filter(pk__in=selection.ids)
    if selection.theme:
        in_theme = Assignment.objects.filter(theme_id=selection.theme)
        rows = rows.filter(pk__in=in_theme.values("contribution"))
    if selection.campaign:
        in_campaign = Assignment.objects.filter(campaign_id=selection.campaign)
        rows = rows.filter(pk__in=in_campaign.values("contribution"))
    if selection.module:
        rows = rows.filter(module_id=selection.module)
    if selection.channel:
        rows = rows.filter(channel=selection.channel)
    if selection.q:
        rows = rows.filter(Q(title__icontains=selection.q) | Q(body__icontains=selection.q))
    if selection.covered_by:
        rows = rows.filter(_covered(answer_id=selection.covered_by))
    if selection.answer == UNANSWERED:
        rows = rows.filter(~_covered())
    elif selection.answer == ANSWERED:
        rows = rows.filter(_covered())
    elif selection.answer:
        rows = rows.filter(_covered(answer__status__code=selection.answer))
    return rows.order_by("pk")


def page_rows(contributions) -> list[Contribution]:
    """One page of the list, with what its table shows: supports and covering answers,
    counted for these rows only (never across the whole selection)."""
    answers = Answer.objects.select_related("status").order_by("pk")
    return list(
        Contribution.objects.filter(pk__in=[c.pk for c in contributions])
        .select_related("module", "author")
        .annotate(support_count=Count("supports"))
        .prefetch_related(
            # Every answer, drafts included: the workspace shows what is being prepared.
            Prefetch("followup_answers", queryset=answers, to_attr="covering_answers")
        )
        .order_by("pk")
    )


def _current_analyses(process) -> list:
    """Each module's latest finished analysis (modules never analysed left out)."""
    analyses = [latest_analysis(module) for module in process.modules.all()]
    return [analysis for analysis in analyses if analysis is not None]


def current_themes(process) -> QuerySet[Theme]:
    """The themes of each module's latest finished analysis: what answers cover."""
    return (
        Theme.objects.filter(analysis__in=_current_analyses(process))
        .select_related("analysis__module", "question")
        .order_by("analysis__module__position", "analysis__module_id", "position", "pk")
    )


def current_campaigns(process) -> QuerySet[CampaignGroup]:
    return (
        CampaignGroup.objects.filter(analysis__in=_current_analyses(process))
        .exclude(review=CampaignGroup.Review.DISMISSED)
        .select_related("example")
        .order_by("-size", "pk")
    )


def uncovered(answer: Answer, selection: Selection) -> QuerySet[Contribution]:
    """The contributions of `selection` that `answer` does not cover yet."""
    return selected(answer.process, selection).filter(~_covered(answer_id=answer.pk))


def new_since_answer(answer: Answer) -> int:
    """Contributions added to a theme answer's analysis theme after it was answered (by
    curation, or by a later import): in the theme, not covered by this answer."""
    if answer.analysis_theme_id is None:
        return 0
    return uncovered(answer, Selection(theme=answer.analysis_theme_id)).count()


def matching_count(process, selection: Selection) -> int:
    """How many contributions `selection` keeps, kept until the follow-up changes: the
    list's pagination, its bulk form and the answer form read this one count."""
    key = f"selection:{fingerprint(json.dumps(selection.as_dict(), sort_keys=True))}"
    return remembered(process_scope(process.pk), key, lambda: selected(process, selection).count())


def new_since_by_answer(process) -> dict[int, int]:
    """Each theme answer of the process to its new_since count, kept until the follow-up
    or the analysis changes."""

    def count() -> dict[int, int]:
        answers = Answer.objects.filter(process=process, analysis_theme__isnull=False)
        return dict(with_new_since(answers, process).values_list("pk", "new_since"))

    return remembered(process_scope(process.pk), "new_since", count)


def with_new_since(answers: QuerySet[Answer], process) -> QuerySet[Answer]:
    """These answers with `new_since` (see new_since_answer), in one query for all of them:
    a workspace with hundreds of theme answers does not count theme by theme."""
    linked = Answer.contributions.through.objects.filter(
        answer=OuterRef(OuterRef("pk")), contribution=OuterRef("contribution")
    )
    new = (
        Assignment.objects.filter(
            theme=OuterRef("analysis_theme"), contribution__in=answerable(process)
        )
        .filter(~Exists(linked))
        .order_by()
        .values("theme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return answers.annotate(new_since=Coalesce(Subquery(new), Value(0)))

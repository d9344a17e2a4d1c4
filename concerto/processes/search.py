"""Search of the public registry: accent- and case-insensitive, ranked.

Every word must be found (in any order) in the title, the public summary, the public
problem, the decision at stake, the territories, the ministry's or directorate's
name or one of the themes: "santé" finds the health ministry's processes,
"renovation" the ones about "rénovation". Results found in the title come first,
then those found in the summary; ties keep the registry's own order.
"""

import difflib
import re
from functools import reduce
from operator import or_

import snowballstemmer
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When

from concerto.folding import Folded, fold
from concerto.processes.models import Process, Theme

TEXT_FIELDS = ("title", "summary", "problem", "decision_at_stake", "territories",
               "ministry__name", "ministry__short_name", "directorate__name")  # fmt: skip
MAX_WORDS = 8
MIN_STEM = 5
# Words shorter than this are never offered as a correction.
MIN_SUGGESTED = 4
_STEMMER = snowballstemmer.stemmer("french")
# Title matches weigh most, then the summary; every other field only has to match.
WEIGHTS = {"title": 4, "summary": 2}


def words_of(query: str) -> list[str]:
    """The terms searched for a query: its folded words, one-letter words ("l'", "d'")
    dropped unless alone, each cut to its French stem when that stem is long enough to
    stay specific ("ecologie" looks for "ecolog", so "écologique" matches; "logement"
    stays whole, as "log" would match "technologie")."""
    words = re.findall(r"\w+", fold(query))
    words = [w for w in words if len(w) > 1] or words
    return [_term(word) for word in words[:MAX_WORDS]]


def _term(word: str) -> str:
    stem = _STEMMER.stemWord(word)
    return stem if len(stem) >= MIN_STEM and word.startswith(stem) else word


def search(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` narrowed to the processes matching every word of `query`, best first."""
    words = words_of(query)
    if not words:
        return queryset
    folded = {f"folded_{i}": Folded(field) for i, field in enumerate(TEXT_FIELDS)}
    queryset = queryset.annotate(**folded)
    for word in words:
        in_themes = Exists(
            Process.themes.through.objects.filter(process_id=OuterRef("pk"))
            .annotate(folded_theme=Folded("theme__name"))
            .filter(folded_theme__contains=word)
        )
        in_text = reduce(or_, (Q(**{f"{name}__contains": word}) for name in folded))
        queryset = queryset.filter(in_text | Q(in_themes))
    names = dict(zip(TEXT_FIELDS, folded, strict=True))
    score = [
        Case(When(**{f"{names[field]}__contains": word}, then=Value(weight)), default=Value(0))
        for field, weight in WEIGHTS.items()
        for word in words
    ]
    rank = reduce(lambda a, b: a + b, score)
    ordering = queryset.query.order_by or Process._meta.ordering or ("-pk",)
    return queryset.annotate(search_rank=rank).order_by("-search_rank", *ordering)


def suggestion(query: str, published: QuerySet) -> str | None:
    """A nearby query that finds something, for a search that found nothing: each word
    too far from every word of the published titles, themes and ministries is replaced
    by the closest one ("renovaton" → "rénovation"); None when nothing close is found."""
    vocabulary: dict[str, str] = {}
    names = [
        *published.values_list("title", flat=True),
        *Theme.objects.filter(process__in=published).values_list("name", flat=True),
        *published.values_list("ministry__name", flat=True),
    ]
    for name in names:
        for word in re.findall(r"\w+", name):
            if len(word) >= MIN_SUGGESTED:
                vocabulary.setdefault(fold(word), word.lower())
    words = re.findall(r"\w+", query)
    suggested = []
    for word in words:
        folded = fold(word)
        if folded in vocabulary:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.75)
        suggested.append(vocabulary[close[0]] if close else word)
    if suggested == words:
        return None
    candidate = " ".join(suggested)
    return candidate if search(published, candidate).exists() else None

"""Which contributions a synthesis may quote (issue 23).

A quote stands for a theme: it is never a campaign's text (a campaign, detected
or confirmed, is reported as a campaign with its size; one the analysts
dismissed is ordinary texts again), never an exact copy nor an author's own
repeat, and never the same text, or nearly, as another quote.
"""

from __future__ import annotations

from concerto.analysis.models import Analysis, Assignment, CampaignGroup
from concerto.engines.textmining import canonical
from concerto.participation.models import Contribution

# Two texts sharing more than half of their distinct words are one text for quoting,
# as for the engine's own choice of quotes.
NEAR_DUPLICATE = 0.5


def screen(
    analysis: Analysis, candidates: dict[int, list[int]], bodies: dict[int, str] | None = None
) -> dict[int, list[int]]:
    """Per theme id, the candidate contribution ids that may be quoted, in order.

    A quote must belong to its theme; duplicates are looked for across all the
    themes given, the earlier theme keeping the text. `bodies` (contribution id
    -> text) saves a query when the caller has them."""
    ids = {q for quotes in candidates.values() for q in quotes}
    if not ids:
        return {theme: [] for theme in candidates}
    rows = {
        contribution: (theme, is_copy or own_repeat, review)
        for contribution, theme, is_copy, own_repeat, review in Assignment.objects.filter(
            analysis=analysis, contribution_id__in=ids
        ).values_list("contribution_id", "theme_id", "is_copy", "is_own_repeat", "campaign__review")
    }
    if bodies is None:
        bodies = dict(Contribution.objects.filter(pk__in=ids).values_list("pk", "body"))
    kept_words: list[set[str]] = []
    screened: dict[int, list[int]] = {}
    for theme, quotes in candidates.items():
        screened[theme] = []
        for quote in dict.fromkeys(quotes):
            row = rows.get(quote)
            if row is None or quote not in bodies:
                continue
            member_of, copy, review = row
            if member_of != theme or copy:
                continue
            if review is not None and review != CampaignGroup.Review.DISMISSED:
                continue
            words = set(canonical(bodies[quote]).split())
            if any(_similar(words, other) for other in kept_words):
                continue
            kept_words.append(words)
            screened[theme].append(quote)
    return screened


def _similar(words: set[str], other: set[str]) -> bool:
    if words == other:
        return True
    return len(words & other) / max(1, len(words | other)) > NEAR_DUPLICATE

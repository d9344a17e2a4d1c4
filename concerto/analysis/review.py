"""What an organiser reads before publishing a synthesis (issue 23): the themes
still named by the tool, the campaigns nobody examined, the themes without quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from concerto.analysis.models import Analysis, CampaignGroup, Operation, Theme
from concerto.analysis.quotes import screen

# Operations that give a theme a label typed by an analyst.
LABELLING = (Operation.Kind.RENAME, Operation.Kind.MERGE, Operation.Kind.SPLIT)


@dataclass
class Review:
    themes: list[Theme]
    automatic: list[Theme] = field(default_factory=list)
    detected: list[CampaignGroup] = field(default_factory=list)
    without_quotes: list[Theme] = field(default_factory=list)

    @property
    def clear(self) -> bool:
        return not (self.automatic or self.detected or self.without_quotes)


def human_labels(analysis: Analysis) -> set[str]:
    """Labels analysts typed for this module (renames, merges and splits, re-applied
    on every run), as stored on a theme."""
    payloads = Operation.objects.filter(module=analysis.module, kind__in=LABELLING).values_list(
        "payload", flat=True
    )
    return {payload["label"][:200] for payload in payloads if payload.get("label")}


def publication_review(analysis: Analysis) -> Review:
    themes = list(analysis.themes.select_related("question").order_by("-size", "position", "pk"))
    # A theme's label is automatic until an analyst gave it one: the engine's label,
    # or the largest theme's in a merge without a new label.
    typed = human_labels(analysis)
    quotes = screen(analysis, {t.pk: t.quotes for t in themes})
    return Review(
        themes=themes,
        automatic=[t for t in themes if t.label not in typed],
        detected=list(
            analysis.campaigns.filter(review=CampaignGroup.Review.DETECTED)
            .select_related("example")
            .order_by("-size", "pk")
        ),
        without_quotes=[t for t in themes if not quotes[t.pk]],
    )

"""Information rule: a plural and contradictory information dossier."""

from __future__ import annotations

from datetime import date

from concerto.engines.quality.description import ProcessDescription
from concerto.engines.quality.findings import finding
from concerto.engines.quality.registry import Param, Params, positive_int, rule_kind
from concerto.engines.quality.results import Outcome, Status


@rule_kind(
    "plural_information",
    min_sources=Param(positive_int),
    min_viewpoints=Param(positive_int),
)
def plural_information(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """The information dossier has enough sources and enough distinct viewpoints.

    Viewpoints are the sources' `viewpoint` labels, compared without case or
    surrounding spaces; a blank label is no viewpoint.
    MET: at least `min_sources` sources and `min_viewpoints` distinct viewpoints.
    AT_RISK: sources are planned but fall short on either count.
    MISSING: no source planned.
    """
    sources = description.information_sources
    if not sources:
        return Outcome(Status.MISSING, finding("sources_none"))
    viewpoints: dict[str, str] = {}
    for source in sources:
        label = source.viewpoint.strip()
        if label:
            # Keep the first spelling met, to quote it as the ministry wrote it.
            viewpoints.setdefault(label.casefold(), label)
    min_sources, min_viewpoints = params["min_sources"], params["min_viewpoints"]
    counted = {"sources": len(sources), "viewpoints": list(viewpoints.values())}
    short_of_sources = len(sources) < min_sources
    short_of_viewpoints = len(viewpoints) < min_viewpoints
    if short_of_sources or short_of_viewpoints:
        return Outcome(
            Status.AT_RISK,
            finding(
                "information_short",
                **counted,
                min_sources=min_sources if short_of_sources else None,
                min_viewpoints=min_viewpoints if short_of_viewpoints else None,
            ),
        )
    return Outcome(Status.MET, finding("information_plural", **counted))

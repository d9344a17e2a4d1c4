"""Information rule: a plural and contradictory information dossier."""

from __future__ import annotations

from datetime import date

from concerto.engines.quality.description import ProcessDescription
from concerto.engines.quality.french import plural, quote
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
        return Outcome(Status.MISSING, "Aucune source n'est prévue pour le dossier d'information.")
    viewpoints: dict[str, str] = {}
    for source in sources:
        label = source.viewpoint.strip()
        if label:
            # Keep the first spelling met, to quote it as the ministry wrote it.
            viewpoints.setdefault(label.casefold(), label)
    min_sources, min_viewpoints = params["min_sources"], params["min_viewpoints"]
    summary = f"{plural(len(sources), 'source prévue', 'sources prévues')}"
    if viewpoints:
        quoted = ", ".join(quote(label) for label in viewpoints.values())
        summary += f", {plural(len(viewpoints), 'point de vue', 'points de vue')} ({quoted})"
    else:
        summary += ", sans point de vue indiqué"
    problems = []
    if len(sources) < min_sources:
        problems.append(f"au moins {plural(min_sources, 'source')}")
    if len(viewpoints) < min_viewpoints:
        problems.append(f"au moins {plural(min_viewpoints, 'point de vue', 'points de vue')}")
    if problems:
        return Outcome(
            Status.AT_RISK,
            f"{summary} : il faut {' et '.join(problems)}"
            " pour une information plurielle et contradictoire.",
        )
    return Outcome(Status.MET, f"{summary} : l'information est plurielle et contradictoire.")

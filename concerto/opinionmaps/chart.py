"""Geometry of the map's SVG chart, computed server-side so the page needs no script."""

from __future__ import annotations

import math

from concerto.opinionmaps.mapping import group_name

SIZE = 420
MARGIN = 30
# DSFR illustrative colours, each with a distinct letter so colour is never the only cue.
COLOURS = ["#000091", "#b34000", "#18753c", "#6e445a", "#716043", "#3a3a3a"]
UNGROUPED = "#929292"


def _pos(value: float) -> float:
    return round(MARGIN + (value + 1) / 2 * (SIZE - 2 * MARGIN), 1)


def chart(data: dict) -> dict:
    """Circles for participants binned on the map, and one labelled marker per group."""
    groups = data.get("groups", [])
    colour = {g["label"]: COLOURS[i % len(COLOURS)] for i, g in enumerate(groups)}
    dots = [
        {
            "cx": _pos(x),
            "cy": _pos(-y),
            "r": round(3 + 2.5 * math.sqrt(n), 1),
            "fill": colour.get(label, UNGROUPED),
        }
        for x, y, label, n in data.get("points", [])
    ]
    markers = [
        {
            "cx": _pos(g["x"]),
            "cy": _pos(-g["y"]),
            "name": group_name(g["label"]),
            "fill": colour[g["label"]],
            "size": g["size"],
        }
        for g in groups
    ]
    return {"size": SIZE, "dots": dots, "markers": markers, "centre": SIZE / 2}

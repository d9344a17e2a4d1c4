"""Territorial coverage: the `departement` question's published table drawn as a map.

Each département gets a status read from its published row only, never from true
counts, so the map reveals nothing the table does not:

- masked: its count is suppressed (under k, or so that it cannot be found by difference);
- under: its share is below the organiser's alert threshold times its population share
  (the table's `Row.under_represented`);
- over: its share is at least its population share divided by that threshold (1.25
  times at 80 %), the same distance on a ratio scale on the other side;
- close: in between.

Metropolitan shapes come from `data/departements_map.json` (see data/README.md). The
overseas départements, and the collectivités d'outre-mer grouped as one category, are
drawn as labelled squares in the sea west of the Bay of Biscay, a usual inset; Paris
and its three neighbouring départements are drawn again, enlarged, in the Channel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from concerto.representativeness.catalogue import DATA_FILE
from concerto.representativeness.tables import QuestionTable, Row

QUESTION = "departement"
SHAPES_FILE = DATA_FILE.parent / "departements_map.json"
STATUS_LABELS = {  # in the legend's order
    "under": _("sous-représenté"),
    "close": _("proche de sa part dans la population"),
    "over": _("sur-représenté"),
    "masked": _("effectif masqué"),
}
# Squares for the areas outside the metropolitan drawing: (code, short label).
INSETS = (
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
    ("com", _("COM")),
)
INSET_X, INSET_TOP, INSET_SIZE, INSET_STEP = 6, 332, 34, 42
# Paris and the petite couronne, enlarged in the Channel (bounding box 304–324 × 134–155).
ZOOMED = ("75", "92", "93", "94")
ZOOM_SCALE, ZOOM_ORIGIN, ZOOM_AT = 5, (303, 133), (8, 8)


@cache
def shapes() -> dict:
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


def status(row: Row, threshold: float) -> str:
    """The row's map status, from its published cells only (see the module docstring)."""
    if row.count is None or row.share is None or not row.reference:
        return "masked"
    ratio = row.share / row.reference
    if ratio < threshold:
        return "under"
    if ratio >= 1 / threshold:
        return "over"
    return "close"


@dataclass(frozen=True)
class Area:
    row: Row
    status: str
    path: str | None  # a metropolitan shape
    square: tuple[int, int, int] | None  # an inset square: x, y, size
    short: str = ""  # the inset's label

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def label_x(self) -> int:
        return self.square[0] + self.square[2] + 4 if self.square else 0

    @property
    def label_y(self) -> int:
        return self.square[1] + self.square[2] // 2 + 4 if self.square else 0


@dataclass(frozen=True)
class DepartementMap:
    view_box: str
    areas: tuple[Area, ...]
    zoomed: tuple[Area, ...]
    zoom_transform: str
    zoom_frame: tuple[int, int, int, int]  # x, y, width, height
    threshold_pct: int
    over_pct: int

    def counts(self) -> dict[str, int]:
        """How many areas have each status, in the legend's order."""
        return {key: sum(a.status == key for a in self.areas) for key in STATUS_LABELS}


def departement_map(table: QuestionTable, threshold: float) -> DepartementMap:
    data = shapes()
    paths = data["shapes"]
    squares = {
        code: ((INSET_X, INSET_TOP + i * INSET_STEP, INSET_SIZE), str(short))
        for i, (code, short) in enumerate(INSETS)
    }
    areas = []
    for row in table.rows:
        if row.code in paths:
            areas.append(Area(row, status(row, threshold), paths[row.code], None))
        elif row.code in squares:
            square, short = squares[row.code]
            areas.append(Area(row, status(row, threshold), None, square, short))
    zoomed = tuple(a for a in areas if a.row.code in ZOOMED)
    (ox, oy), (zx, zy) = ZOOM_ORIGIN, ZOOM_AT
    # The enlarged copy is moved so that the box's corner lands at ZOOM_AT.
    transform = f"translate({zx - ZOOM_SCALE * ox} {zy - ZOOM_SCALE * oy}) scale({ZOOM_SCALE})"
    frame = (zx, zy, 22 * ZOOM_SCALE, 23 * ZOOM_SCALE)
    return DepartementMap(
        view_box=data["viewBox"],
        areas=tuple(areas),
        zoomed=zoomed,
        zoom_transform=transform,
        zoom_frame=frame,
        threshold_pct=round(100 * threshold),
        over_pct=round(100 / threshold),
    )


def report_map(report) -> DepartementMap | None:
    """The map of the report's `departement` table, if the process asks that question."""
    table = next((t for t in report.questions if t.question.key == QUESTION), None)
    return departement_map(table, report.threshold) if table else None

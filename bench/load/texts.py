"""Real French contribution texts (Grand Débat National 2019, Convention citoyenne pour
le climat 2020) for the seeded contributions and the load's submissions."""

import csv
import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "consultations"
if not DATA.exists():
    DATA = Path("/work/shared/data/consultations")


@cache
def bodies() -> list[str]:
    """~96,000 real free-text answers to the Grand Débat's questions."""
    texts = []
    for path in sorted((DATA / "grand_debat_2019").glob("gd_animation_*_*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            texts.extend(row["comment"].strip() for row in csv.DictReader(handle))
    return [text for text in texts if len(text) >= 20]


@cache
def titles() -> list[str]:
    """The Convention citoyenne's proposals, cut to a title's length."""
    path = DATA / "convention_citoyenne_climat_2020" / "proposals.json"
    proposals = json.loads(path.read_text(encoding="utf-8"))
    return [p["proposal"].strip()[:150] for p in proposals if p["proposal"].strip()]

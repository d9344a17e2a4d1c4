"""The State-wide catalogue of profile questions and their reference margins.

Read once from `data/reference_margins.json`, shipped with the code (no download at
run time). Each question's `reference` values are relative weights (percentages or
inhabitants); `shares()` normalises them over the categories that have one. A
category without a reference (None) is asked and counted but never compared.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "reference_margins.json"


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    reference: float | None


@dataclass(frozen=True)
class ProfileQuestion:
    key: str
    label: str
    prompt: str
    source: str
    year: int | None
    confidence: str
    population: str | None
    precision: str | None
    note: str
    categories: tuple[Category, ...]

    @property
    def compared(self) -> tuple[Category, ...]:
        """Categories that have a reference share, in catalogue order."""
        return tuple(c for c in self.categories if c.reference is not None)

    def shares(self) -> dict[str, float]:
        """Reference share (summing to 1) of each compared category."""
        total = sum(c.reference for c in self.compared)
        return {c.code: c.reference / total for c in self.compared} if total else {}

    def label_of(self, code: str) -> str:
        return next((c.label for c in self.categories if c.code == code), code)


@cache
def catalogue() -> dict[str, ProfileQuestion]:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    out = {}
    for q in raw["questions"]:
        out[q["key"]] = ProfileQuestion(
            key=q["key"],
            label=q["label"],
            prompt=q["prompt"],
            source=q["source"],
            year=q["year"],
            confidence=q["confidence"],
            population=q.get("population"),
            precision=q.get("precision"),
            note=q.get("note", ""),
            categories=tuple(
                Category(c["code"], c["label"], c["reference"]) for c in q["categories"]
            ),
        )
    return out


@cache
def fingerprint() -> str:
    """Changes when the shipped margins do (a deployment): cached figures then expire."""
    return hashlib.sha256(DATA_FILE.read_bytes()).hexdigest()[:12]


def question_choices() -> list[tuple[str, str]]:
    return [(q.key, q.label) for q in catalogue().values()]

"""The result of `document_diff`: per-unit and per-paragraph changes, with provenance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass

from concerto.engines.codrafting.diff import DiffOp

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
STATUSES = (ADDED, REMOVED, CHANGED, UNCHANGED)


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph across versions.

    status: "added", "removed", "changed" or "unchanged".
    old_key, new_key: its keys in each version (None where it does not exist).
    ops: the word diff from its old text to its new one (see `diff.word_diff`).
    suggestion_ids: the ids the caller gave for it, as given.
    """

    status: str
    old_key: str | None
    new_key: str | None
    ops: tuple[DiffOp, ...]
    suggestion_ids: tuple[Hashable, ...] = ()


@dataclass(frozen=True)
class UnitChange:
    """One title, chapter, section or article (or the "document" preamble) across versions.

    status: "added", "removed", "changed" (heading or a paragraph differs) or
        "unchanged" (same heading and paragraphs, even if renumbered or moved).
    """

    status: str
    kind: str
    old_key: str | None
    new_key: str | None
    old_label: str
    new_label: str
    heading_ops: tuple[DiffOp, ...]
    paragraphs: tuple[ParagraphChange, ...]
    suggestion_ids: tuple[Hashable, ...] = ()

    @property
    def renumbered(self) -> bool:
        return self.status not in (ADDED, REMOVED) and self.old_label != self.new_label

    @property
    def moved(self) -> bool:
        """Its position key changed (an insertion before it, or a new container)."""
        return self.status not in (ADDED, REMOVED) and self.old_key != self.new_key

    @property
    def all_suggestion_ids(self) -> tuple[Hashable, ...]:
        """Its own suggestions and its paragraphs', each once, in order of first mention."""
        ids = [*self.suggestion_ids, *(i for p in self.paragraphs for i in p.suggestion_ids)]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class DocumentDiff:
    units: tuple[UnitChange, ...]
    unknown_keys: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        """Units per status, every status present (possibly 0)."""
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(Counter(unit.status for unit in self.units))
        return counts

    def paragraph_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(Counter(p.status for unit in self.units for p in unit.paragraphs))
        return counts

    @property
    def renumbered(self) -> tuple[UnitChange, ...]:
        return tuple(unit for unit in self.units if unit.renumbered)

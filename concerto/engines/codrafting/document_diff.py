"""What changed between two versions of a text, unit by unit, with the suggestions behind it.

The diff is a flat list in reading order: one entry per title, chapter, section and
article (and one for the paragraphs before any unit, kind "document", when either
version has some), each with its own paragraphs' changes and word diffs. Units are
paired by content first, then by number, then by key for units without a number (see
`alignment`), so inserting an article
that renumbers the following ones shows one added article and renumbered ones, not
every following article rewritten.

Provenance is the caller's: `provenance` maps keys of the *new* version (a unit's or a
paragraph's) to the ids of the suggestions that led to it; `removed_provenance` maps
keys of the *old* version for what was removed. The ids are carried as given, so a
template can say "this sentence comes from 12 suggestions". Keys that match nothing
are returned in `unknown_keys` rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from concerto.engines.codrafting.alignment import align
from concerto.engines.codrafting.changes import (
    ADDED,
    CHANGED,
    REMOVED,
    UNCHANGED,
    DocumentDiff,
    ParagraphChange,
    UnitChange,
)
from concerto.engines.codrafting.diff import Words, is_unchanged, word_diff, words_similarity
from concerto.engines.codrafting.structure import Document, Unit

UNIT_THRESHOLD = 0.5
PARAGRAPH_THRESHOLD = 0.4


def _preamble(document: Document) -> list[Unit]:
    paragraphs = document.root_paragraphs
    return [Unit("paragraph", children=paragraphs)] if paragraphs else []


_Segment = tuple[str, Unit]


def _segments(document: Document) -> list[_Segment]:
    """(kind, unit) for the preamble and every unit that is not a paragraph."""
    segments = [("document", unit) for unit in _preamble(document)]
    segments += [(u.kind, u) for u in document.flatten() if u.kind != "paragraph"]
    return segments


def _fingerprint(kind: str, unit: Unit) -> tuple:
    return (kind, " ".join(unit.heading.split()), tuple(p.text for p in unit.paragraphs))


def _content(unit: Unit) -> str:
    return "\n".join([unit.heading, *(p.text for p in unit.paragraphs)])


class _Provenance:
    def __init__(self, mapping: Mapping[str, Iterable[Hashable]] | None) -> None:
        self.mapping = {key: tuple(ids) for key, ids in (mapping or {}).items()}
        self.used: set[str] = set()

    def ids(self, key: str | None) -> tuple[Hashable, ...]:
        if key is None or key not in self.mapping:
            return ()
        self.used.add(key)
        return self.mapping[key]

    def unknown(self) -> list[str]:
        return [key for key in self.mapping if key not in self.used]


def _status(before: Unit | None, after: Unit | None, same: bool) -> str:
    if before is None:
        return ADDED
    if after is None:
        return REMOVED
    return UNCHANGED if same else CHANGED


def _paragraph_changes(
    old: tuple[Unit, ...], new: tuple[Unit, ...], added: _Provenance, removed: _Provenance
) -> tuple[ParagraphChange, ...]:
    old_words, new_words = [Words(p.text) for p in old], [Words(p.text) for p in new]

    def score(i: int, j: int) -> float:
        return words_similarity(old_words[i], new_words[j], PARAGRAPH_THRESHOLD)

    changes = []
    texts = [p.text for p in old], [p.text for p in new]
    for i, j in align(*texts, score, threshold=PARAGRAPH_THRESHOLD, by_position=True):
        before = old[i] if i is not None else None
        after = new[j] if j is not None else None
        ops = tuple(word_diff(before.text if before else "", after.text if after else ""))
        status = _status(before, after, bool(before and after and before.text == after.text))
        ids = removed.ids(before.key) if after is None else added.ids(after.key)
        changes.append(
            ParagraphChange(status, before and before.key, after and after.key, ops, ids)
        )
    return tuple(changes)


def _unit_change(
    before: _Segment | None, after: _Segment | None, added: _Provenance, removed: _Provenance
) -> UnitChange:
    old, new = before[1] if before else None, after[1] if after else None
    paragraphs = _paragraph_changes(
        old.paragraphs if old else (), new.paragraphs if new else (), added, removed
    )
    heading = word_diff(old.heading if old else "", new.heading if new else "")
    same = is_unchanged(heading) and all(p.status == UNCHANGED for p in paragraphs)
    return UnitChange(
        status=_status(old, new, same),
        kind=(before or after)[0],
        old_key=old.key if old else None,
        new_key=new.key if new else None,
        old_label=old.label if old else "",
        new_label=new.label if new else "",
        heading_ops=tuple(heading),
        paragraphs=paragraphs,
        suggestion_ids=removed.ids(old.key) if new is None else added.ids(new.key),
    )


def _align_segments(
    old: list[_Segment], new: list[_Segment]
) -> list[tuple[int | None, int | None]]:
    old_words = [Words(_content(unit)) for _, unit in old]
    new_words = [Words(_content(unit)) for _, unit in new]

    def score(i: int, j: int) -> float | None:
        if old[i][0] != new[j][0]:
            return None
        return words_similarity(old_words[i], new_words[j], UNIT_THRESHOLD)

    def same_number_or_key(i: int, j: int) -> bool:
        """Same number ("3 bis"); for units without one, the same position key."""
        before, after = old[i][1], new[j][1]
        if old[i][0] != new[j][0]:
            return False
        if before.number or after.number:
            return before.number == after.number
        return before.key == after.key

    prints = [_fingerprint(*s) for s in old], [_fingerprint(*s) for s in new]
    return align(*prints, score, threshold=UNIT_THRESHOLD, fallback=same_number_or_key)


def document_diff(
    old: Document,
    new: Document,
    provenance: Mapping[str, Iterable[Hashable]] | None = None,
    removed_provenance: Mapping[str, Iterable[Hashable]] | None = None,
) -> DocumentDiff:
    """The changes from `old` to `new`, each carrying the suggestion ids given for it.

    Articles and their containers are aligned separately, so an article moved to another
    chapter pairs with itself although the order of units changed; the result is then
    in the new version's reading order, a removed unit right after the unit that came
    before it in the old version.
    """
    added, removed = _Provenance(provenance), _Provenance(removed_provenance)
    old_segments, new_segments = _segments(old), _segments(new)
    pairs = []
    for is_article in (False, True):
        olds = [i for i, s in enumerate(old_segments) if (s[0] == "article") == is_article]
        news = [j for j, s in enumerate(new_segments) if (s[0] == "article") == is_article]
        for i, j in _align_segments(
            [old_segments[i] for i in olds], [new_segments[j] for j in news]
        ):
            pairs.append((olds[i] if i is not None else None, news[j] if j is not None else None))
    new_rank_of_old = {i: j for i, j in pairs if i is not None and j is not None}

    def reading_order(pair: tuple[int | None, int | None]) -> tuple[int, int, int]:
        i, j = pair
        if j is not None:
            return (j, 0, 0)
        earlier = [new_rank_of_old[k] for k in range(i) if k in new_rank_of_old]
        return (max(earlier, default=-1), 1, i)

    units = [
        _unit_change(
            old_segments[i] if i is not None else None,
            new_segments[j] if j is not None else None,
            added,
            removed,
        )
        for i, j in sorted(pairs, key=reading_order)
    ]
    return DocumentDiff(tuple(units), tuple(added.unknown() + removed.unknown()))

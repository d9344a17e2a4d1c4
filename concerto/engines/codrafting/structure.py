"""The document model of a text to co-draft: titles, chapters, sections, articles, paragraphs.

Keys. Every unit gets a key derived from its position, so that two versions of a text
can be aligned and a suggestion can point at "the first paragraph of the third article":
the key is the parent's key, a dot, the kind's letter (t, c, s, a, p) and the unit's
rank among its parent's children *of the same kind*, from 1. "t1.c2.a3.p1" is the first
paragraph of the third article of the second chapter of the first title. A text without
titles has keys such as "a3.p1"; paragraphs before the first unit are "p1", "p2"…
Keys are recomputed from position: inserting an article shifts the keys that follow,
which is why `document_diff` aligns by content and label too, not by key alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

KINDS = ("title", "chapter", "section", "article", "paragraph")
KIND_LETTERS = {"title": "t", "chapter": "c", "section": "s", "article": "a", "paragraph": "p"}
# Depth of each kind: a unit closes every open unit of its rank or deeper.
RANKS = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Unit:
    """One unit of the text.

    kind: one of KINDS.
    label: "Article 3", "Chapitre II" as written; "" for a paragraph.
    number: normalised number ("1" for "1er" and "premier"); "" for a paragraph.
    heading: a container's own heading ("Dispositions générales"); "" if none.
    text: a paragraph's text (list items kept, one per line); "" for containers.
    children: the units it contains, in order.
    key: its position key (see the module docstring); set by `Document.of`.
    line: where it starts in the source (line, or paragraph rank in DOCX/ODT); 0 if unknown.
    """

    kind: str
    label: str = ""
    number: str = ""
    heading: str = ""
    text: str = ""
    children: tuple[Unit, ...] = ()
    key: str = ""
    line: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown unit kind {self.kind!r}")

    @property
    def paragraphs(self) -> tuple[Unit, ...]:
        """Its own paragraphs (not those of the units it contains)."""
        return tuple(child for child in self.children if child.kind == "paragraph")

    def walk(self) -> Iterator[Unit]:
        """This unit, then every unit inside it, depth first, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _with_keys(units: tuple[Unit, ...], prefix: str) -> tuple[Unit, ...]:
    ranks: Counter[str] = Counter()
    keyed = []
    for unit in units:
        ranks[unit.kind] += 1
        key = f"{prefix}{KIND_LETTERS[unit.kind]}{ranks[unit.kind]}"
        keyed.append(replace(unit, key=key, children=_with_keys(unit.children, key + ".")))
    return tuple(keyed)


@dataclass(frozen=True)
class Document:
    """A whole text: its name (e.g. the bill's title) and its top-level units.

    Build it with `Document.of(units, name)`, which sets every unit's key.
    """

    units: tuple[Unit, ...] = ()
    name: str = ""
    _by_key: dict[str, Unit] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        self._by_key.update((unit.key, unit) for unit in self.flatten() if unit.key)

    @classmethod
    def of(cls, units: tuple[Unit, ...] | list[Unit], name: str = "") -> Document:
        return cls(_with_keys(tuple(units), ""), name)

    def flatten(self) -> Iterator[Unit]:
        """Every unit, depth first, in reading order."""
        for unit in self.units:
            yield from unit.walk()

    def find(self, key: str) -> Unit | None:
        return self._by_key.get(key)

    def articles(self) -> list[Unit]:
        """The articles, in reading order, wherever they sit."""
        return [unit for unit in self.flatten() if unit.kind == "article"]

    def find_article(self, number: str) -> Unit | None:
        """The first article whose normalised number is `number` ("1", "3 bis")."""
        return next((unit for unit in self.articles() if unit.number == number), None)

    def counts(self) -> dict[str, int]:
        """Number of units of each kind, every kind present (possibly 0)."""
        counts = dict.fromkeys(KINDS, 0)
        for unit in self.flatten():
            counts[unit.kind] += 1
        return counts

    @property
    def root_paragraphs(self) -> tuple[Unit, ...]:
        """Paragraphs before any title, chapter, section or article (a preamble)."""
        return tuple(unit for unit in self.units if unit.kind == "paragraph")

    def parent_key(self, key: str) -> str:
        """The key of the unit containing `key` ("" at the top level)."""
        return key.rpartition(".")[0]

"""From a flat sequence of blocks (lines, Markdown blocks, DOCX/ODT paragraphs) to a Document.

Every reader turns its format into `Block`s and calls `build_document`, so the rules
below hold for all formats:

- A block recognised by its leading word ("Chapitre II", "Art. 3") opens that unit.
- Otherwise a heading block (Markdown `#`, a heading style) opens a unit by its level:
  1 title, 2 chapter, 3 article; deeper headings stay paragraphs (with a warning).
- Anything else is a paragraph of the unit open at that point.
- A unit closes every open unit of its rank or deeper: an article closes the previous
  article, a chapter closes the open section and article.
- A title, chapter or section without a heading takes the next block as heading when
  that block is short, is not a unit, does not end like a sentence and is not a
  heading of another level: pasted laws put "Chapitre Ier" and "Dispositions
  générales" on two lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from concerto.engines.codrafting.numbering import Heading, recognise_heading
from concerto.engines.codrafting.problems import Problem, Reading
from concerto.engines.codrafting.structure import RANKS, Document, Unit

LEVEL_KINDS = {1: "title", 2: "chapter", 3: "article"}
_SENTENCE_END = re.compile(r"[.;:,!?»]\s*$")
_LONGEST_HEADING = 160


@dataclass(frozen=True)
class Block:
    """One block of source text.

    text: its text, stripped; list items joined with newlines.
    line: where it starts (line number, or paragraph rank in DOCX/ODT).
    level: its heading level (1 for `#`, Heading1, outline level 1), None for body text.
    """

    text: str
    line: int = 0
    level: int | None = None


@dataclass
class _Node:
    kind: str
    line: int
    label: str = ""
    number: str = ""
    heading: str = ""
    text: str = ""
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Unit:
        children = tuple(child.freeze() for child in self.children)
        return Unit(
            self.kind, self.label, self.number, self.heading, self.text, children, line=self.line
        )


def clean_text(text: str) -> str:
    """Spaces collapsed (non-breaking ones included) and blank lines dropped, breaks kept."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def classify(block: Block) -> Heading | None:
    """The unit a block opens, by its word first and then by its heading level."""
    heading = recognise_heading(block.text, is_heading=block.level is not None)
    if heading is None and block.level in LEVEL_KINDS:
        return Heading(LEVEL_KINDS[block.level], "", "", " ".join(block.text.split()))
    return heading


def _could_be_heading(block: Block) -> bool:
    text = block.text.strip()
    return (
        bool(text)
        and "\n" not in text
        and len(text) <= _LONGEST_HEADING
        and not _SENTENCE_END.search(text)
        and recognise_heading(text, is_heading=True) is None
    )


def _split_heading_lines(blocks: list[Block]) -> list[Block]:
    """A unit's opening and its first paragraph in one block (a line break in a Word
    paragraph: "Article 1er⏎Le préfet…") become two blocks."""
    split: list[Block] = []
    for block in blocks:
        first, _, rest = block.text.strip().partition("\n")
        if rest and recognise_heading(first, is_heading=block.level is not None):
            split += [Block(first, block.line, block.level), Block(rest, block.line)]
        else:
            split.append(block)
    return split


def build_document(blocks: list[Block], name: str = "") -> Reading:
    """The document the blocks describe, with the warnings the organiser should see."""
    blocks = _split_heading_lines(blocks)
    problems: list[Problem] = []
    root: list[_Node] = []
    stack: list[_Node] = []
    awaiting_heading: _Node | None = None
    awaiting_level: int | None = None
    for block in blocks:
        if not block.text.strip():
            continue
        if (
            awaiting_heading is not None
            and block.level in (None, awaiting_level)
            and _could_be_heading(block)
        ):
            awaiting_heading.heading = " ".join(block.text.split())
            awaiting_heading = None
            continue
        awaiting_heading = None
        heading = classify(block)
        if heading is None:
            if block.level is not None:
                problems.append(Problem("heading_kept_as_paragraph", line=block.line))
            node = _Node("paragraph", block.line, text=block.text.strip())
            (stack[-1].children if stack else root).append(node)
            continue
        while stack and RANKS[stack[-1].kind] >= RANKS[heading.kind]:
            stack.pop()
        node = _Node(heading.kind, block.line, heading.label, heading.number, heading.heading)
        (stack[-1].children if stack else root).append(node)
        stack.append(node)
        if heading.text:
            node.children.append(_Node("paragraph", block.line, text=heading.text))
        elif not heading.heading and heading.kind != "article":
            awaiting_heading, awaiting_level = node, block.level
    document = Document.of([node.freeze() for node in root], name)
    return Reading(document, tuple(problems) + tuple(structure_warnings(document)))


def structure_warnings(document: Document) -> list[Problem]:
    """Empty draft, no article, duplicate article numbers, articles without text."""
    units = list(document.flatten())
    if not units:
        return [Problem("empty_draft")]
    articles = document.articles()
    if not articles:
        return [Problem("no_article")]
    problems = []
    seen: set[str] = set()
    for article in articles:
        if article.number and article.number in seen:
            problems.append(
                Problem("duplicate_article_number", line=article.line, detail=article.number)
            )
        seen.add(article.number)
        if not article.paragraphs:
            problems.append(
                Problem(
                    "article_without_text",
                    line=article.line,
                    detail=article.label or article.heading,
                )
            )
    return problems

"""Markdown drafts: headings open units, blank lines separate paragraphs.

- A heading recognised by its word ("## Article 3 bis", "# TITRE II") opens that unit
  whatever its level; otherwise `#` is a title, `##` a chapter, `###` an article.
- A first `#` heading that no other `#` heading follows, and that is not recognised by
  its word, is the document's name ("# Projet de loi pour une République numérique").
- A line recognised by its word ("Article 2", "Chapitre III", also in bold:
  "**Article 2**") opens a unit even inside a paragraph, as in pasted text.
- Lines of one paragraph are joined with a space (Markdown's soft line breaks); list
  items keep their own line, and a list stays in the paragraph that introduces it,
  even after a blank line, since legal enumerations ("1° …; 2° …") belong to their alinéa.
"""

from __future__ import annotations

import re

from concerto.engines.codrafting.building import Block, build_document
from concerto.engines.codrafting.numbering import recognise_heading
from concerto.engines.codrafting.plaintext import text_lines
from concerto.engines.codrafting.problems import Reading

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
# "**Article 1er**" or "__Chapitre II__": a unit set in bold instead of as a heading.
_EMPHASISED = re.compile(r"^\s*(\*\*|__|\*|_)(?P<inner>\S.*?)\1\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)°]|[a-z][.)]|\d+°)\s+")


def _unemphasised(line: str) -> str:
    emphasised = _EMPHASISED.match(line)
    return emphasised.group("inner") if emphasised else line


def _paragraph_text(lines: list[str]) -> str:
    parts: list[str] = []
    for line in lines:
        stripped = " ".join(line.split())
        if parts and not _LIST_ITEM.match(line):
            parts[-1] += " " + stripped
        else:
            parts.append(stripped)
    return "\n".join(parts)


def markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    pending: list[tuple[int, str]] = []

    def flush() -> None:
        if not pending:
            return
        body = _paragraph_text([line for _, line in pending])
        previous = blocks[-1] if blocks else None
        last_line = previous.text.rsplit("\n", 1)[-1] if previous else ""
        joins_list = previous is not None and previous.level is None
        if (
            joins_list
            and _LIST_ITEM.match(pending[0][1])
            and (last_line.endswith(":") or _LIST_ITEM.match(last_line))
        ):
            blocks[-1] = Block(previous.text + "\n" + body, previous.line)
        else:
            blocks.append(Block(body, pending[0][0]))
        pending.clear()

    for number, line in enumerate(text_lines(text), start=1):
        heading = _ATX_HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block(heading.group(2).strip(), number, len(heading.group(1))))
        elif not line.strip():
            flush()
        elif recognise_heading(_unemphasised(line)) is not None:
            # "Article 1er" alone on its line opens a unit even without a blank line around.
            flush()
            blocks.append(Block(" ".join(_unemphasised(line).split()), number))
        else:
            pending.append((number, line))
    flush()
    return blocks


def read_markdown(text: str, name: str = "") -> Reading:
    blocks = markdown_blocks(text)
    first = blocks[0] if blocks else None
    if (
        first is not None
        and first.level == 1
        and not name
        and recognise_heading(first.text, is_heading=True) is None
        and not any(block.level == 1 for block in blocks[1:])
    ):
        name, blocks = first.text, blocks[1:]
    return build_document(blocks, name)

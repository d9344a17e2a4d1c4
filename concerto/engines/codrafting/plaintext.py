"""Plain pasted text (Légifrance, a word processor, an e-mail): no markup at all.

Lines such as "TITRE Ier", "Chapitre II", "Section 1", "Article 1er", "Art. 3 bis" open
units (see `numbering`). Every other non-blank line is one paragraph: in a pasted law
each alinéa sits on its own line, with or without blank lines between them. Windows
line ends, tabs and non-breaking spaces are tolerated.
"""

from __future__ import annotations

from concerto.engines.codrafting.building import Block, build_document
from concerto.engines.codrafting.problems import Reading

# Non-breaking and narrow spaces appear around French punctuation in pasted text.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\t": " "})


def text_lines(text: str) -> list[str]:
    """The lines of `text`, whatever its line ends, with tabs and odd spaces made plain."""
    return [line.translate(_SPACES).rstrip() for line in text.splitlines()]


def read_plain_text(text: str, name: str = "") -> Reading:
    blocks = [
        Block(" ".join(line.split()), number)
        for number, line in enumerate(text_lines(text), start=1)
        if line.strip()
    ]
    return build_document(blocks, name)

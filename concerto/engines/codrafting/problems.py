"""What a reader reports besides the document: structured problems, never French sentences.

The platform turns each code into a message for the organiser (with its line), so the
engine stays translatable and testable on exact values.

Error codes (the draft could not be read; `Reading.document` is None):
    "undecodable_text"  bytes that are neither UTF-8 nor Windows-1252 (line, column;
                        detail: the byte offset of the first byte that is not UTF-8).
    "not_a_zip"         a DOCX/ODT file that is not a ZIP archive.
    "missing_part"      the archive lacks its main part (detail: the part's name).
    "invalid_xml"       a part is not well-formed XML (line, column; detail: the part).
    "unknown_format"    a format name `read_draft` does not know (detail: the name).
Warning codes (the document is built; the organiser may correct the draft):
    "decoded_as_windows_1252"     bytes that were not UTF-8, read as Windows-1252.
    "empty_draft"                 nothing but blank lines.
    "no_article"                  text, but no unit recognised as an article.
    "duplicate_article_number"    an article number seen before (detail: the number).
    "article_without_text"        an article with no paragraph (detail: label or heading).
    "heading_kept_as_paragraph"   a deep heading not recognised by its word.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree

from concerto.engines.codrafting.structure import Document

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem found while reading a draft.

    line: 1-based line of the source (for DOCX/ODT: the rank of the paragraph); 0 if none.
    column: 1-based column where known (XML errors), else 0.
    detail: a value to show with the message (a number, a part name), never a sentence.
    """

    code: str
    severity: str = WARNING
    line: int = 0
    column: int = 0
    detail: str = ""


@dataclass(frozen=True)
class Reading:
    """The outcome of reading a draft: the document (None on error) and its problems."""

    document: Document | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.document is not None

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == WARNING)

    @property
    def codes(self) -> list[str]:
        return [problem.code for problem in self.problems]


def failed(code: str, line: int = 0, column: int = 0, detail: str = "") -> Reading:
    """A reading that produced no document."""
    return Reading(None, (Problem(code, ERROR, line, column, detail),))


def xml_problem(xml: bytes | None, part: str) -> Reading | None:
    """A failed reading if `xml` is not well-formed, with the line and column of the fault."""
    if xml is None:
        return None
    try:
        ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        line, column = error.position
        return failed("invalid_xml", line, column + 1, part)
    return None

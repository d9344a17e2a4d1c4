"""Recognising the lines that open a unit of French legal text: "TITRE Ier", "Art. 3 bis".

Every reader (Markdown, pasted text, DOCX, ODT) goes through `recognise_heading`, so a
draft is split the same way whatever its format. French words here are recognised
input, not user-facing text.

Numbers are normalised so that equal articles compare equal: "1er", "1re", "premier"
and "Ier" are all "1"; roman numerals become arabic (capitals only, so that "Chapitre
dix" stays text); "3bis", "3 bis" and "3-bis" are "3 bis"; a code's article "L. 111-2"
is "L111-2". The label keeps the number as
written ("Article 1er", "Chapitre II"), since that is what the organiser typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KIND_WORDS: dict[str, str] = {
    "titre": "title",
    "chapitre": "chapter",
    "section": "section",
    "article": "article",
    "art": "article",
}
CANONICAL_WORDS: dict[str, str] = {
    "title": "Titre",
    "chapter": "Chapitre",
    "section": "Section",
    "article": "Article",
}
LATIN_SUFFIXES = (
    "bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|undecies|duodecies"
)
_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBER = (
    r"(?P<number>premi(?:er|ère)|1(?:er|re)|unique|pr[ée]liminaire"
    r"|(?P<code>[LRDA])\s*\.?\s*\*?\s*\d+(?:-\d+)*"
    rf"|\d+(?:[-.]\d+)*|(?P<roman>(?-i:(?=[IVXLCDM]){_ROMAN}))(?:er|re)?)"
)
_HEADING = re.compile(
    r"^\s*(?P<word>titre|chapitre|section|article|art\b\.?)\s*"
    + _NUMBER
    + rf"(?:\s*-?\s*(?P<suffix>{LATIN_SUFFIXES})\b)?"
    + r"(?:\s+(?P<letter>[A-Z])(?=\s*(?:$|[-–—:.])))?"
    + r"(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SEPARATOR = re.compile(r"^\s*(?:[-–—:.]\s*)+")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# An article line followed by a sentence ("Art. 2. - Le ministre ... est chargé ...") carries
# its first paragraph, not a heading: decrees are written that way.
_SENTENCE_END = re.compile(r"[.;:!?»]\s*$")
_LONGEST_HEADING = 160


@dataclass(frozen=True)
class Heading:
    """A recognised unit opening.

    kind: "title", "chapter", "section" or "article".
    label: canonical word and number as written, e.g. "Article 1er", "Titre II".
    number: the normalised number used to compare units ("1", "3 bis", "L111-2").
    heading: the unit's own heading text (e.g. "Dispositions générales"), or "".
    text: for an article written "Art. 2. - Le ministre est chargé…", the first paragraph.
    """

    kind: str
    label: str
    number: str
    heading: str = ""
    text: str = ""


def roman_to_int(numeral: str) -> int:
    total = 0
    values = [_ROMAN_VALUES[char] for char in numeral.upper()]
    for value, following in zip(values, values[1:] + [0], strict=True):
        total += -value if value < following else value
    return total


def normalise_number(match: re.Match[str]) -> str:
    raw = match.group("number")
    lowered = raw.lower()
    if lowered in ("premier", "première", "1er", "1re"):
        number = "1"
    elif lowered in ("unique", "préliminaire", "preliminaire"):
        number = lowered.replace("é", "e")
    elif match.group("code"):
        number = re.sub(r"[\s.*]", "", raw).upper()
    elif match.group("roman"):
        number = str(roman_to_int(match.group("roman")))
    else:
        number = raw
    if match.group("suffix"):
        number += " " + match.group("suffix").lower()
    if match.group("letter"):
        number += " " + match.group("letter").upper()
    return number


def recognise_heading(line: str, *, is_heading: bool = False) -> Heading | None:
    """The unit a line opens, or None when it is ordinary text.

    In running text the number must be followed by the end of the line or a separator
    (" - ", ":", "."), so that "Article 3 du code civil est abrogé." stays a paragraph.
    A line already marked as a heading (Markdown `#`, a heading style) may also go on
    after a plain space: "### Article 3 Open data".
    """
    match = _HEADING.match(line)
    if not match:
        return None
    rest = match.group("rest")
    separated = _SEPARATOR.match(rest)
    if rest.strip() and not separated:
        if not (is_heading and rest[:1].isspace()):
            return None
    rest = " ".join(rest[separated.end() if separated else 0 :].split())
    word = match.group("word").lower().rstrip(".")
    kind = KIND_WORDS[word]
    number_as_written = " ".join(line[match.start("number") : match.start("rest")].split())
    label = f"{CANONICAL_WORDS[kind]} {number_as_written}"
    heading, text = rest, ""
    if kind == "article" and rest and not is_heading:
        if _SENTENCE_END.search(rest) or len(rest) > _LONGEST_HEADING:
            heading, text = "", rest
    return Heading(kind, label, normalise_number(match), heading, text)

"""The 2015 "République numérique" consultation's public dump, as co-drafting data.

The folder holds `opinions.jsonl` (one proposal or article per line, with its votes)
and `arguments.jsonl` (one argument for, type 1, or against, type 0, per line, with
its `opinion_id`). `load_republique_numerique(folder)` returns every opinion with its
arguments attached, grouped by section.

Sections. The dump names a section "Section 2" plus a subtitle; numbers restart in
each chapter of the bill and chapters are not in the dump, so a section is the pair
(label, subtitle). Sections come in the bill's order, that of the government's first
article in each (the lowest opinion id); the chapter is inferred from it, a section
number that does not increase opening a new chapter.

Nothing is dropped silently: arguments whose opinion is absent are returned as
`orphan_arguments`, unreadable lines as problems with their line number.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from concerto.engines.codrafting.numbering import recognise_heading
from concerto.engines.codrafting.problems import ERROR, Problem

OPINIONS_FILE = "opinions.jsonl"
ARGUMENTS_FILE = "arguments.jsonl"
STANCES = {1: "for", 0: "against"}
_OPINION_FIELDS = ("id", "section", "section_subtitle", "title", "body_text", "created_at")
_ARGUMENT_FIELDS = ("opinion_id", "argument_id", "type", "body", "created_at")


@dataclass(frozen=True)
class Argument:
    id: int
    opinion_id: int
    stance: str  # "for" or "against"
    body: str
    created_at: datetime
    votes: int
    is_trashed: bool


@dataclass(frozen=True)
class Opinion:
    """An article of the draft or a citizen's proposed article, with votes and arguments.

    article_label, article_number: read from the title when it opens like an article
    ("Article 11bis - Transparence…" gives "Article 11bis", "11 bis"), else "".
    declared_arguments_for/against: the counts the platform published, to check against
    the arguments actually attached.
    """

    id: int
    title: str
    body: str
    created_at: datetime
    is_trashed: bool
    votes_for: int
    votes_against: int
    votes_mixed: int
    votes_total: int
    declared_arguments_for: int
    declared_arguments_against: int
    versions_count: int
    sources_count: int
    article_label: str = ""
    article_number: str = ""
    arguments: tuple[Argument, ...] = ()

    @property
    def arguments_for(self) -> tuple[Argument, ...]:
        return tuple(a for a in self.arguments if a.stance == "for")

    @property
    def arguments_against(self) -> tuple[Argument, ...]:
        return tuple(a for a in self.arguments if a.stance == "against")


@dataclass(frozen=True)
class Section:
    label: str  # "Section 2", as in the dump
    number: int
    subtitle: str
    chapter: int  # inferred, from 1 (see the module docstring)
    opinions: tuple[Opinion, ...]  # by id


@dataclass(frozen=True)
class Consultation:
    sections: tuple[Section, ...]
    orphan_arguments: tuple[Argument, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def opinions(self) -> list[Opinion]:
        return [opinion for section in self.sections for opinion in section.opinions]

    @property
    def argument_count(self) -> int:
        return sum(len(opinion.arguments) for opinion in self.opinions)


def _rows(path: Path, fields: tuple[str, ...], problems: list[Problem]):
    if not path.is_file():
        problems.append(Problem("missing_file", ERROR, detail=path.name))
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(Problem("invalid_json", ERROR, number, error.colno, path.name))
                continue
            missing = [name for name in fields if name not in row]
            if missing:
                problems.append(Problem("missing_field", ERROR, number, detail=missing[0]))
                continue
            yield number, row


def _date(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def _argument(row: dict) -> Argument:
    return Argument(
        id=row["argument_id"],
        opinion_id=row["opinion_id"],
        stance=STANCES.get(row["type"], str(row["type"])),
        body=row["body"],
        created_at=_date(row["created_at"]),
        votes=row.get("votes_count", 0),
        is_trashed=bool(row.get("is_trashed", False)),
    )


def _opinion(row: dict, arguments: list[Argument]) -> Opinion:
    heading = recognise_heading(row["title"])
    return Opinion(
        id=row["id"],
        title=row["title"],
        body=row["body_text"],
        created_at=_date(row["created_at"]),
        is_trashed=bool(row.get("is_trashed", False)),
        votes_for=row.get("votes_ok", 0),
        votes_against=row.get("votes_nok", 0),
        votes_mixed=row.get("votes_mitige", 0),
        votes_total=row.get("votes_total", 0),
        declared_arguments_for=row.get("arguments_yes_count", 0),
        declared_arguments_against=row.get("arguments_no_count", 0),
        versions_count=row.get("versions_count", 0),
        sources_count=row.get("sources_count", 0),
        article_label=heading.label if heading and heading.kind == "article" else "",
        article_number=heading.number if heading and heading.kind == "article" else "",
        arguments=tuple(sorted(arguments, key=lambda argument: argument.id)),
    )


def _section_number(label: str) -> int:
    digits = "".join(char for char in label if char.isdigit())
    return int(digits) if digits else 0


def load_republique_numerique(folder: str | Path) -> Consultation:
    folder = Path(folder)
    problems: list[Problem] = []
    by_opinion: dict[int, list[Argument]] = defaultdict(list)
    for _, row in _rows(folder / ARGUMENTS_FILE, _ARGUMENT_FIELDS, problems):
        by_opinion[row["opinion_id"]].append(_argument(row))
    groups: dict[tuple[str, str], list[Opinion]] = defaultdict(list)
    seen: set[int] = set()
    for number, row in _rows(folder / OPINIONS_FILE, _OPINION_FIELDS, problems):
        if row["id"] in seen:
            problems.append(Problem("duplicate_id", ERROR, number, detail=str(row["id"])))
            continue
        seen.add(row["id"])
        opinion = _opinion(row, by_opinion.get(row["id"], []))
        groups[(row["section"], row["section_subtitle"])].append(opinion)
    sections: list[Section] = []
    chapter, previous = 0, None
    for (label, subtitle), opinions in sorted(
        groups.items(), key=lambda g: min(o.id for o in g[1])
    ):
        number = _section_number(label)
        if previous is None or number <= previous:
            chapter += 1
        previous = number
        ordered = tuple(sorted(opinions, key=lambda opinion: opinion.id))
        sections.append(Section(label, number, subtitle, chapter, ordered))
    orphans = sorted(
        (a for opinion_id, args in by_opinion.items() if opinion_id not in seen for a in args),
        key=lambda argument: argument.id,
    )
    return Consultation(tuple(sections), tuple(orphans), tuple(problems))

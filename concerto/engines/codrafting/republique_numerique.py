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
from datetime import datetime
from pathlib import Path

from concerto.engines.codrafting.numbering import recognise_heading
from concerto.engines.codrafting.problems import ERROR, Problem
from concerto.engines.codrafting.republique_numerique_model import (
    Argument,
    Consultation,
    Opinion,
    Section,
)

OPINIONS_FILE = "opinions.jsonl"
ARGUMENTS_FILE = "arguments.jsonl"
STANCES = {1: "for", 0: "against"}
_OPINION_FIELDS = ("id", "section", "section_subtitle", "title", "body_text", "created_at")
_ARGUMENT_FIELDS = ("opinion_id", "argument_id", "type", "body", "created_at")


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
    return int("".join(char for char in label if char.isdigit()) or 0)


def _sections(groups: dict[tuple[str, str], list[Opinion]]) -> tuple[Section, ...]:
    """In the bill's order (lowest opinion id first), a new chapter when numbers restart."""
    sections: list[Section] = []
    chapter, previous = 0, None
    for (label, subtitle), opinions in sorted(
        groups.items(), key=lambda g: min(o.id for o in g[1])
    ):
        number = _section_number(label)
        chapter += previous is None or number <= previous
        previous = number
        ordered = tuple(sorted(opinions, key=lambda opinion: opinion.id))
        sections.append(Section(label, number, subtitle, chapter, ordered))
    return tuple(sections)


def load_republique_numerique(folder: str | Path) -> Consultation:
    """The consultation in `folder`; problem codes: "missing_file", "invalid_json",
    "missing_field", "invalid_value" (a date or number that does not parse), "duplicate_id".
    """
    folder = Path(folder)
    problems: list[Problem] = []
    by_opinion: dict[int, list[Argument]] = defaultdict(list)
    for number, row in _rows(folder / ARGUMENTS_FILE, _ARGUMENT_FIELDS, problems):
        try:
            by_opinion[row["opinion_id"]].append(_argument(row))
        except (TypeError, ValueError):
            problems.append(Problem("invalid_value", ERROR, number, detail=ARGUMENTS_FILE))
    groups: dict[tuple[str, str], list[Opinion]] = defaultdict(list)
    seen: set[int] = set()
    for number, row in _rows(folder / OPINIONS_FILE, _OPINION_FIELDS, problems):
        if row["id"] in seen:
            problems.append(Problem("duplicate_id", ERROR, number, detail=str(row["id"])))
            continue
        try:
            opinion = _opinion(row, by_opinion.get(row["id"], []))
        except (TypeError, ValueError):
            problems.append(Problem("invalid_value", ERROR, number, detail=OPINIONS_FILE))
            continue
        seen.add(row["id"])
        groups[(row["section"], row["section_subtitle"])].append(opinion)
    orphans = sorted(
        (a for opinion_id, args in by_opinion.items() if opinion_id not in seen for a in args),
        key=lambda argument: argument.id,
    )
    return Consultation(_sections(groups), tuple(orphans), tuple(problems))

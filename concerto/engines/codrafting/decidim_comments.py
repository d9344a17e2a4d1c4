"""A Decidim participatory text's comments export (JSON), as arguments on its parts.

Decidim's comments export is a list of objects: `id`, `created_at`, `body` (the text, in
its language; HTML in older versions), `locale`, `alignment` (1 for, -1 against, 0
neutral), `depth`, `commentable_id` and `commentable_type` ("Decidim::Proposals::Proposal"
for a comment on a proposal, "Decidim::Comments::Comment" for a reply).

A comment for or against an article or an amendment becomes an argument; neutral
comments, replies and comments on sections are left out, counted (Concerto's arguments
take a side, and answer a suggestion or an article).

Problem codes (errors: nothing is imported): those of `decidim` for the file and its
fields, and "unknown_commented_proposal" (detail: the id) for a comment on a proposal
absent from the proposals export.
"""

from __future__ import annotations

import json
from collections import Counter

from concerto.engines.codrafting.decidim import _date, _Refused, _rows, plain_text, translated
from concerto.engines.codrafting.decidim_model import (
    ARTICLE,
    DecidimComment,
    DecidimComments,
    DecidimText,
)
from concerto.engines.codrafting.problems import ERROR, Problem

PROPOSAL_TYPE = "Decidim::Proposals::Proposal"
STANCES = {1: "for", -1: "against"}
_FIELDS = ("id", "body", "alignment", "commentable_id", "commentable_type")


def _int(row: dict, name: str) -> int:
    value = row[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refused("invalid_value", name)
    return value


def _comment(row, levels: dict[int, str]) -> DecidimComment | str:
    """The argument, or why the comment is left out."""
    if not isinstance(row, dict):
        raise _Refused("not_an_object")
    for name in _FIELDS:
        if name not in row:
            raise _Refused("missing_field", name)
    comment_id, alignment = _int(row, "id"), _int(row, "alignment")
    target = _int(row, "commentable_id")
    submitted_at = _date(row.get("created_at"))
    body = plain_text(translated(row["body"]))
    if row["commentable_type"] != PROPOSAL_TYPE:
        return "reply"
    if target not in levels:
        raise _Refused("unknown_commented_proposal", str(target))
    if alignment not in STANCES or not body:
        return "neutral"
    if levels[target] not in (ARTICLE, ""):  # "" for an amendment
        return "on_section"
    return DecidimComment(comment_id, target, STANCES[alignment], body, submitted_at)


def load_decidim_comments(data: str | bytes, text: DecidimText) -> DecidimComments:
    """The arguments among the comments in `data`, on the proposals of `text` (read
    without problems); on any problem, no argument and every problem found."""
    try:
        rows = _rows(data)
    except json.JSONDecodeError as error:
        return DecidimComments(
            problems=(Problem("invalid_json", ERROR, error.lineno, error.colno),)
        )
    except _Refused as refused:
        return DecidimComments(problems=(Problem(refused.code, ERROR, detail=refused.detail),))
    levels = {part.id: part.level for part in text.parts.values()}
    levels.update((a.proposal.id, "") for a in text.amendments)
    problems, arguments, left_out, seen = [], [], Counter(), set()
    for rank, row in enumerate(rows, start=1):
        try:
            comment = _comment(row, levels)
        except _Refused as refused:
            problems.append(Problem(refused.code, ERROR, rank, detail=refused.detail))
            continue
        if isinstance(comment, str):
            left_out[comment] += 1
        elif comment.id in seen:
            problems.append(Problem("duplicate_id", ERROR, rank, detail=str(comment.id)))
        else:
            seen.add(comment.id)
            arguments.append(comment)
    if problems:
        return DecidimComments(problems=tuple(problems))
    return DecidimComments(tuple(arguments), dict(left_out), ())

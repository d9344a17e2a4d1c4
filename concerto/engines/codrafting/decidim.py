"""A Decidim participatory text's proposals export (JSON), as a text with its amendments.

In Decidim, a participatory text is a proposals component whose proposals are the text's
parts: `participatory_text_level` "section", "sub-section" or "article", in `position`
order. A section's title and body are its heading; an article's title is its number
("1", "2"…) and its body its text. An amendment is a proposal with `is_amend` true that
rewrites the body of the article it amends (`original_proposal`).

The export is the component's "Proposals" JSON export: a list of objects whose `title`
and `body` are translations ({"fr": …, "en": …, "machine_translations": {…}}), with
`votes` ("supports" before 0.27), `likes` or `endorsements` ({"total_count": …}),
`comments` (a count), `published_at`, `withdrawn`, `is_amend` and `original_proposal`
({"title", "url"}; the amended proposal's id is the last number of its URL, or
`amendable_id` where an export adds it). Stock exports do not carry
`participatory_text_level` and `position`; then the parts come in id order (Decidim
creates them in reading order) and a part whose title is a number, or reads like
"Article 3", is an article, any other a section (sub-sections cannot be told apart).

Mapping: a section becomes a chapter, a sub-section a section, an article an article
whose paragraphs are its body's paragraphs (split on blank lines). Every amendment
becomes a rewording of one paragraph of its article (see `_place`).

Problem codes (all errors: nothing is imported from a file that has one; `line` is the
rank of the proposal in the export, from 1): "undecodable_text", "invalid_json"
(line, column of the JSON), "not_a_list", "not_an_object", "missing_field" (detail:
the field), "invalid_value" (detail: the field), "duplicate_id" (detail: the id),
"unknown_level" (detail: the level), "article_without_text", "amendment_without_target",
"unknown_amended_proposal" (detail: its id), "amended_not_article" (detail: its id),
"amendment_unchanged", "no_article".
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime

from concerto.engines.codrafting.decidim_model import (
    ARTICLE,
    LEVELS,
    SECTION,
    SUB_SECTION,
    Amendment,
    DecidimProposal,
    DecidimText,
)
from concerto.engines.codrafting.numbering import recognise_heading
from concerto.engines.codrafting.problems import ERROR, Problem
from concerto.engines.codrafting.structure import Document, Unit

LANGUAGE = "fr"
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PROPOSAL_URL = re.compile(r"/proposals/(\d+)/?(?:[?#].*)?$")
_UNIT_KIND = {SECTION: "chapter", SUB_SECTION: "section", ARTICLE: "article"}


class _Refused(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code, self.detail = code, detail


def translated(value, language: str = LANGUAGE) -> str:
    """The `language` text of a translated field, else its first non-empty language,
    else a machine translation; a plain string as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise _Refused("invalid_value")
    machine = value.get("machine_translations") or {}
    candidates = [value.get(language)]
    candidates += [text for lang, text in value.items() if lang != "machine_translations"]
    candidates += [machine.get(language), *machine.values()] if isinstance(machine, dict) else []
    return next((text for text in candidates if isinstance(text, str) and text.strip()), "")


def plain_text(text: str) -> str:
    """Older exports give the body as HTML: its text, one blank line between blocks."""
    if _TAG.search(text):
        text = _LINE_BREAK.sub("\n", _BLOCK_END.sub("\n\n", text))
        text = html.unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in _BLANK_LINE.split(text) if part.strip()]


def _date(value) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _Refused("invalid_value", "published_at")
    try:
        moment = datetime.fromisoformat(value.replace(" UTC", "+00:00"))
    except ValueError as error:
        raise _Refused("invalid_value", "published_at") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _count(value, field: str) -> int:
    if isinstance(value, dict):
        value = value.get("total_count")
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Refused("invalid_value", field)
    return value


def _amended_id(row: dict) -> int | None:
    if isinstance(row.get("amendable_id"), int):
        return row["amendable_id"]
    original = row.get("original_proposal") or {}
    if isinstance(original, dict):
        if isinstance(original.get("id"), int):
            return original["id"]
        match = _PROPOSAL_URL.search(original.get("url") or "")
        if match:
            return int(match.group(1))
    raise _Refused("amendment_without_target")


def _inferred_level(title: str) -> str:
    heading = recognise_heading(title, is_heading=True)
    if title.strip().isdigit() or (heading and heading.kind == "article"):
        return ARTICLE
    return SECTION


def _proposal(row, levels_given: bool) -> DecidimProposal:
    if not isinstance(row, dict):
        raise _Refused("not_an_object")
    for name in ("id", "title", "body"):
        if name not in row:
            raise _Refused("missing_field", name)
    if isinstance(row["id"], bool) or not isinstance(row["id"], int):
        raise _Refused("invalid_value", "id")
    title = " ".join(translated(row["title"]).split())
    body = plain_text(translated(row["body"]))
    amended = _amended_id(row) if row.get("is_amend") is True else None
    level = ""
    if amended is None:
        level = row.get("participatory_text_level") if levels_given else _inferred_level(title)
        if level not in LEVELS:
            raise _Refused("unknown_level", str(level))
    position = row.get("position")
    if position is not None and (isinstance(position, bool) or not isinstance(position, int)):
        raise _Refused("invalid_value", "position")
    return DecidimProposal(
        id=row["id"], level=level, position=position, title=title, body=body,
        submitted_at=_date(row.get("published_at") or row.get("created_at")),
        supports=_count(row.get("votes", row.get("supports")), "votes"),
        endorsements=_count(row.get("likes", row.get("endorsements")), "likes"),
        comments=_count(row.get("comments"), "comments"),
        state=str(row.get("state") or ""), withdrawn=row.get("withdrawn") is True,
        amended_id=amended,
    )  # fmt: skip


def _unit(part: DecidimProposal, children: list[Unit]) -> Unit:
    kind = _UNIT_KIND[part.level]
    heading = recognise_heading(part.title, is_heading=True)
    if kind == "article":
        if part.title.isdigit():
            return Unit(kind, f"Article {part.title}", part.title, children=tuple(children))
        if heading and heading.kind == "article":
            label, number, title = heading.label, heading.number, heading.heading
            return Unit(kind, label, number, title, children=tuple(children))
        return Unit(kind, heading=part.title, children=tuple(children))
    if heading and heading.kind != "article":
        return Unit(kind, heading.label, heading.number, heading.heading, children=tuple(children))
    return Unit(kind, heading=part.title, children=tuple(children))


def _document(parts: list[DecidimProposal], name: str) -> Document:
    """Parts in reading order -> chapters > sections > articles > paragraphs."""
    top: list[list] = []  # [part, children] pairs, turned into units at the end
    chapter = section = None
    for part in parts:
        node = [part, []]
        if part.level == SECTION:
            top.append(node)
            chapter, section = node, None
        elif part.level == SUB_SECTION:
            (chapter[1] if chapter else top).append(node)
            section = node
        else:
            node[1] = [Unit("paragraph", text=text) for text in paragraphs(part.body)]
            (section or chapter or [None, top])[1].append(node)

    def build(node) -> Unit:
        part, children = node
        return _unit(part, [c if isinstance(c, Unit) else build(c) for c in children])

    return Document.of([build(node) for node in top], name)


def _place(amendment: DecidimProposal, article: Unit) -> Amendment:
    """The paragraph it rewords: the article's only one; else, when it keeps the number
    of paragraphs and changes one, that one; else the first one it changes, with the
    whole article as the text read and the whole amendment as the text proposed."""
    old = article.paragraphs
    new = paragraphs(amendment.body)
    if [" ".join(p.text.split()) for p in old] == [" ".join(p.split()) for p in new]:
        raise _Refused("amendment_unchanged")
    if len(old) == 1:
        return Amendment(amendment, article.key, old[0].key, old[0].text, "\n\n".join(new))
    changed = [i for i, p in enumerate(old) if i >= len(new) or p.text != new[i]]
    if len(old) == len(new) and len(changed) == 1:
        i = changed[0]
        return Amendment(amendment, article.key, old[i].key, old[i].text, new[i])
    target = old[changed[0] if changed else 0]
    whole = "\n\n".join(p.text for p in old)
    return Amendment(amendment, article.key, target.key, whole, "\n\n".join(new))


def _rows(data) -> list:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _Refused("undecodable_text", str(error.start)) from error
    rows = json.loads(data)
    if not isinstance(rows, list):
        raise _Refused("not_a_list")
    return rows


def load_decidim_text(data: str | bytes, name: str = "") -> DecidimText:
    """The participatory text in a Decidim proposals JSON export (see the module
    docstring); on any problem, no document and every problem found."""
    try:
        rows = _rows(data)
    except json.JSONDecodeError as error:
        return DecidimText(
            None, {}, (), (Problem("invalid_json", ERROR, error.lineno, error.colno),)
        )
    except _Refused as refused:
        return DecidimText(None, {}, (), (Problem(refused.code, ERROR, detail=refused.detail),))
    levels_given = any(isinstance(r, dict) and "participatory_text_level" in r for r in rows)
    problems: list[Problem] = []
    proposals: dict[int, tuple[int, DecidimProposal]] = {}
    for rank, row in enumerate(rows, start=1):
        try:
            proposal = _proposal(row, levels_given)
        except _Refused as refused:
            problems.append(Problem(refused.code, ERROR, rank, detail=refused.detail))
            continue
        if proposal.id in proposals:
            problems.append(Problem("duplicate_id", ERROR, rank, detail=str(proposal.id)))
        elif proposal.level == ARTICLE and not proposal.body:
            problems.append(Problem("article_without_text", ERROR, rank, detail=str(proposal.id)))
        else:
            proposals[proposal.id] = (rank, proposal)
    parts = [p for _rank, p in proposals.values() if not p.is_amendment]
    if all(p.position is not None for p in parts):
        parts.sort(key=lambda p: (p.position, p.id))
    else:
        parts.sort(key=lambda p: p.id)
    if not any(p.level == ARTICLE for p in parts) and not problems:
        problems.append(Problem("no_article", ERROR))
    document = _document(parts, name)
    keyed = [unit for unit in document.flatten() if unit.kind != "paragraph"]
    by_key = {unit.key: part for unit, part in zip(keyed, parts, strict=True)}
    unit_of = {part.id: unit for unit, part in zip(keyed, parts, strict=True)}
    amendments = []
    for rank, proposal in sorted(proposals.values(), key=lambda item: item[1].id):
        if not proposal.is_amendment:
            continue
        target = proposals.get(proposal.amended_id, (0, None))[1]
        detail = str(proposal.amended_id)
        if target is None:
            problems.append(Problem("unknown_amended_proposal", ERROR, rank, detail=detail))
        elif target.level != ARTICLE:
            problems.append(Problem("amended_not_article", ERROR, rank, detail=detail))
        else:
            try:
                amendments.append(_place(proposal, unit_of[target.id]))
            except _Refused as refused:
                problems.append(Problem(refused.code, ERROR, rank, detail=refused.detail))
    if problems:
        return DecidimText(None, {}, (), tuple(problems))
    return DecidimText(document, by_key, tuple(amendments), ())

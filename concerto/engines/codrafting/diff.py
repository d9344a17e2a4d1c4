"""Word-level diff of two paragraph texts, as ops a template renders with <ins> and <del>.

Tokens are words (letters and digits, accents included), single punctuation marks and
runs of whitespace, so "l'État" is "l", "'", "État" and a changed comma shows as a
changed comma. Concatenating the texts of the "equal" and "delete" ops gives the old
text back; "equal" and "insert" give the new one: nothing is lost or normalised.

Readability: difflib's raw output on rewordings interleaves small deletions and
insertions around shared spaces and articles ("le", ","). An unchanged run that is only
whitespace, or a single short word or mark, between two changes is folded into them,
and each change is then one deletion followed by one insertion.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# An unchanged run this short between two changes reads better inside them.
_SHORT_EQUAL = 3


@dataclass(frozen=True)
class DiffOp:
    """One run of the diff: op is "equal", "insert" or "delete"; text is verbatim."""

    op: str
    text: str


def tokenise(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _raw_ops(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    # The common start and end are set aside first: most rewordings touch a few words,
    # and difflib's cost grows with what it has to compare.
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    head = [(EQUAL, "".join(old[:start]))]
    tail = [(EQUAL, "".join(old[len(old) - end :]))]
    old, new = old[start : len(old) - end], new[start : len(new) - end]
    ops: list[tuple[str, str]] = []
    # Whitespace may extend a match but not start one: spaces are everywhere, and matching
    # on them alone is both slow and meaningless.
    matcher = SequenceMatcher(str.isspace, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append((EQUAL, "".join(old[i1:i2])))
            continue
        if i2 > i1:
            ops.append((DELETE, "".join(old[i1:i2])))
        if j2 > j1:
            ops.append((INSERT, "".join(new[j1:j2])))
    return [op for op in head + ops + tail if op[1]]


def _is_filler(text: str) -> bool:
    stripped = text.strip()
    return not stripped or (len(stripped) <= _SHORT_EQUAL and len(tokenise(stripped)) == 1)


def _fold_fillers(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    folded: list[tuple[str, str]] = []
    for index, (op, text) in enumerate(ops):
        between_changes = 0 < index < len(ops) - 1
        if op == EQUAL and between_changes and _is_filler(text):
            folded += [(DELETE, text), (INSERT, text)]
        else:
            folded.append((op, text))
    return folded


def _group(ops: list[tuple[str, str]]) -> list[DiffOp]:
    """Each run of changes as one deletion then one insertion; empty runs dropped."""
    grouped: list[DiffOp] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            grouped.append(DiffOp(DELETE, "".join(deleted)))
        if inserted:
            grouped.append(DiffOp(INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in ops:
        if op == EQUAL:
            flush()
            if text:
                grouped.append(DiffOp(EQUAL, text))
        else:
            (deleted if op == DELETE else inserted).append(text)
    flush()
    return grouped


def word_diff(old: str, new: str) -> list[DiffOp]:
    """The ops turning `old` into `new`; [] when both are empty."""
    return _group(_fold_fillers(_raw_ops(tokenise(old), tokenise(new))))


def old_text(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.op != INSERT)


def new_text(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.op != DELETE)


def is_unchanged(ops: list[DiffOp]) -> bool:
    return all(op.op == EQUAL for op in ops)


def words(text: str) -> list[str]:
    """The lower-cased words and marks of `text`, whitespace left out: what similarity compares."""
    return [token for token in tokenise(text.lower()) if not token.isspace()]


class Words:
    """A text's `words`, with their counts kept to bound similarity cheaply."""

    __slots__ = ("counts", "tokens")

    def __init__(self, text: str) -> None:
        self.tokens = words(text)
        self.counts = Counter(self.tokens)


def words_similarity(old: Words, new: Words, threshold: float = 0.0) -> float:
    """Share of words in common, 0 to 1. Below `threshold`, an upper bound (shared words,
    order ignored) may be returned instead of the exact value: enough to reject a pair."""
    total = len(old.tokens) + len(new.tokens)
    if not total:
        return 1.0
    if threshold:
        bound = 2 * sum((old.counts & new.counts).values()) / total
        if bound < threshold:
            return bound
    return SequenceMatcher(None, old.tokens, new.tokens, autojunk=False).ratio()


def similarity(old: str, new: str) -> float:
    """Share of tokens in common, 0 to 1, case and whitespace ignored: to pair rewordings."""
    return words_similarity(Words(old), Words(new))

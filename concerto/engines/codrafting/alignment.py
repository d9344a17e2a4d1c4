"""Pairing the items of two sequences (articles, paragraphs) between two versions of a text.

Three passes, from the surest to the loosest:

1. Identical items, in order (difflib on fingerprints that leave out the position and
   the number): an article that only moved or was renumbered pairs with itself.
2. Between two runs of identical items, the most similar pairs first (similarity at
   least `threshold`), never crossing a pair already made: a reworded article pairs
   with its old self even when an inserted article shifted it.
3. What is left: pairs the caller's `fallback` accepts (same article number: a full
   rewrite), and, if `by_position`, the items at the same rank of a gap whose two sides
   are equally long (paragraph 2 replaced by another paragraph 2).

In a gap of more than MAX_FULL_GAP candidate pairs, passes 2 and 3 only look at pairs
within BAND positions of the gap's diagonal, to keep a wholesale rewrite fast.

The result lists every item once, in an order compatible with both sequences:
(old index, new index) for a pair, (old index, None) removed, (None, new index) added.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher

Pair = tuple[int | None, int | None]


# Beyond this many candidate pairs in one gap (a rewrite of dozens of articles at once),
# only pairs near the gap's diagonal are scored, so the time stays about linear.
MAX_FULL_GAP = 2_500
BAND = 25


class _Pairs:
    """Pairs made so far, sorted; a new pair may not share an item or cross one."""

    def __init__(self) -> None:
        self.pairs: list[tuple[int, int]] = []

    def add(self, i: int, j: int) -> bool:
        at = bisect_left(self.pairs, (i, j))
        before = self.pairs[at - 1] if at else None
        after = self.pairs[at] if at < len(self.pairs) else None
        if before is not None and (before[0] == i or before[1] >= j):
            return False
        if after is not None and (after[0] == i or after[1] <= j):
            return False
        self.pairs.insert(at, (i, j))
        return True


def _near_diagonal(olds: range, news: range) -> list[tuple[int, int]]:
    if len(olds) * len(news) <= MAX_FULL_GAP:
        return [(i, j) for i in olds for j in news]
    slope = len(news) / len(olds)
    near = []
    for offset, i in enumerate(olds):
        centre = news.start + round(offset * slope)
        near += [
            (i, j) for j in range(max(news.start, centre - BAND), min(news.stop, centre + BAND + 1))
        ]
    return near


def _pair_gap(
    olds: range,
    news: range,
    score: Callable[[int, int], float | None],
    threshold: float,
    fallback: Callable[[int, int], bool] | None,
    by_position: bool,
) -> list[tuple[int, int]]:
    pairs = _Pairs()
    candidates = []
    for i, j in _near_diagonal(olds, news):
        value = score(i, j)
        if value is not None and value >= threshold:
            candidates.append((-value, abs((i - olds.start) - (j - news.start)), i, j))
    for _, _, i, j in sorted(candidates):
        pairs.add(i, j)
    if fallback is not None:
        for i, j in _near_diagonal(olds, news):
            if fallback(i, j):
                pairs.add(i, j)
    if by_position and len(olds) == len(news):
        for i, j in zip(olds, news, strict=True):
            pairs.add(i, j)
    return pairs.pairs


def align(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    score: Callable[[int, int], float | None],
    *,
    threshold: float,
    fallback: Callable[[int, int], bool] | None = None,
    by_position: bool = False,
) -> list[Pair]:
    """Pair `old` and `new` (their fingerprints) as the module docstring says.

    score(i, j): similarity of old[i] and new[j], from 0 to 1, or None when they may
    never pair (an article and a chapter).
    """
    pairs: list[tuple[int, int]] = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2), strict=True)
        else:
            gap = _pair_gap(range(i1, i2), range(j1, j2), score, threshold, fallback, by_position)
            pairs += gap
    return _merge(len(old), len(new), pairs)


def _merge(old_count: int, new_count: int, pairs: list[tuple[int, int]]) -> list[Pair]:
    """Every item once: removed items before the pair that follows them, then added ones."""
    merged: list[Pair] = []
    i = j = 0
    for a, b in [*pairs, (old_count, new_count)]:
        merged += [(index, None) for index in range(i, a)]
        merged += [(None, index) for index in range(j, b)]
        if a < old_count or b < new_count:
            merged.append((a, b))
        i, j = a + 1, b + 1
    return merged

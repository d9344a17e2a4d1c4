"""Answer patterns: participants who gave the same answers to every question.

Raking multiplies the weight of every participant in the same pattern by the same
factor, so it can run on the table of distinct patterns (a few thousand for six
profile questions) instead of on a million participants, then expand back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from concerto.engines.representativeness.model import MISSING, RepresentativenessError

_KEY_LIMIT = 2**62


@dataclass(frozen=True)
class Patterns:
    """`codes[p, q]`: answer of pattern p to question q; `of_unit[i]`: participant i's pattern."""

    codes: np.ndarray
    of_unit: np.ndarray


def answer_matrix(answers: np.ndarray | list[np.ndarray], sizes: list[int]) -> np.ndarray:
    """Validate answers as an (n, Q) integer matrix of codes in [MISSING, size - 1].

    `answers` is an (n, Q) array, or a list of Q arrays of length n.
    """
    if isinstance(answers, (list, tuple)):
        # Q per-question arrays of length n (never guessed from a square shape).
        matrix = np.column_stack([np.asarray(a) for a in answers]) if answers else np.empty((0, 0))
    else:
        matrix = np.asarray(answers)
    if matrix.ndim == 1 and len(sizes) == 1:
        matrix = matrix[:, None]
    if matrix.ndim != 2 or matrix.shape[1] != len(sizes):
        raise RepresentativenessError(
            "shape_mismatch", shape=tuple(matrix.shape), questions=len(sizes)
        )
    if not np.issubdtype(matrix.dtype, np.integer):
        raise RepresentativenessError("code_out_of_range", dtype=str(matrix.dtype))
    for q, size in enumerate(sizes):
        column = matrix[:, q]
        if column.size and (column.min() < MISSING or column.max() >= size):
            raise RepresentativenessError(
                "code_out_of_range",
                question=q,
                low=int(column.min()),
                high=int(column.max()),
                categories=size,
            )
    return matrix


def patterns(matrix: np.ndarray, sizes: list[int]) -> Patterns:
    """Distinct answer patterns, by a mixed-radix key renumbered whenever it would overflow."""
    n = matrix.shape[0]
    key = np.zeros(n, dtype=np.int64)
    span = 1
    for q, size in enumerate(sizes):
        radix = size + 1  # one more digit for MISSING
        if span * radix >= _KEY_LIMIT:
            _, key = np.unique(key, return_inverse=True)
            span = int(key.max()) + 1 if n else 1
        key = key * radix + (matrix[:, q].astype(np.int64) + 1)
        span *= radix
    _, first, of_unit = np.unique(key, return_index=True, return_inverse=True)
    return Patterns(codes=matrix[first].astype(np.int64), of_unit=of_unit.ravel())

"""Representativeness index: how far participants' shares are from the population's.

Per question, with p_i the share of respondents in category i (counts over
respondents, skipped answers left out) and q_i the reference population share:

    R = 1 − ½ Σ_i |p_i − q_i|

that is one minus the total variation distance between the two distributions
(Duncan & Duncan's dissimilarity index, read as a similarity). R = 1 when the
shares equal the reference; R = 0 when participants and population have no
category in common; ½ Σ|p_i − q_i| is also the smallest share of respondents that
would have to belong to other categories to match the population. It is chosen
over the R-indicator (Schouten et al. 2009) because it needs only the published
counts and reference shares, with no response-propensity model, so anyone can
recompute it from the open data.

The overall index is the unweighted mean of the per-question indexes over the
questions that have respondents; `worst` names the lowest one.

Gaps are p_i − q_i in percentage points; a category is under-represented when
p_i / q_i < `threshold` (default 0.8: the group has less than four fifths of its
population share), only for categories with q_i > 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from concerto.engines.representativeness.model import (
    MISSING,
    Reason,
    RepresentativenessError,
)
from concerto.engines.representativeness.raking import SHARE_SUM_TOLERANCE

UNDER_REPRESENTED_RATIO = 0.8


@dataclass(frozen=True)
class CategoryGap:
    category: int
    count: int
    share: float
    reference: float
    gap_points: float
    ratio: float | None  # share / reference; None when the reference share is 0
    under_represented: bool


@dataclass(frozen=True)
class QuestionIndex:
    question: int
    respondents: int
    index: float | None  # None when nobody answered
    categories: tuple[CategoryGap, ...]
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class RepresentativenessReport:
    questions: tuple[QuestionIndex, ...]
    overall: float | None
    worst: int | None  # question with the lowest index
    threshold: float


def counts_from_answers(answers: np.ndarray, size: int) -> np.ndarray:
    """Respondents per category of one question; `MISSING` answers are not counted."""
    a = np.asarray(answers)
    if a.size and (a.min() < MISSING or a.max() >= size):
        raise RepresentativenessError("code_out_of_range", categories=size)
    return np.bincount(a[a >= 0], minlength=size)


def question_index(
    counts: np.ndarray,
    reference: np.ndarray,
    *,
    question: int = 0,
    threshold: float = UNDER_REPRESENTED_RATIO,
) -> QuestionIndex:
    """Index, gaps and under-representation flags of one question from its counts."""
    counts = np.asarray(counts, dtype=np.int64)
    ref = np.asarray(reference, dtype=np.float64)
    if counts.shape != ref.shape or counts.ndim != 1 or np.any(counts < 0):
        raise RepresentativenessError("shape_mismatch", question=question)
    if np.any(ref < 0) or abs(float(ref.sum()) - 1.0) > SHARE_SUM_TOLERANCE:
        raise RepresentativenessError("targets_not_shares", question=question)
    respondents = int(counts.sum())
    if respondents == 0:
        return QuestionIndex(question, 0, None, (), (Reason("no_respondents", question),))
    shares = counts / respondents
    index = 1.0 - 0.5 * float(np.abs(shares - ref).sum())
    rows = []
    for c in range(counts.size):
        ratio = float(shares[c] / ref[c]) if ref[c] > 0 else None
        rows.append(
            CategoryGap(
                category=c,
                count=int(counts[c]),
                share=float(shares[c]),
                reference=float(ref[c]),
                gap_points=100.0 * float(shares[c] - ref[c]),
                ratio=ratio,
                under_represented=ratio is not None and ratio < threshold,
            )
        )
    # Rounding can push 1 − ½Σ|·| a hair outside [0, 1].
    return QuestionIndex(question, respondents, min(1.0, max(0.0, index)), tuple(rows))


def representativeness(
    counts: list[np.ndarray],
    references: list[np.ndarray],
    *,
    threshold: float = UNDER_REPRESENTED_RATIO,
) -> RepresentativenessReport:
    """Per-question indexes and the overall mean; `counts[q]` are respondents per category."""
    if len(counts) != len(references):
        raise RepresentativenessError("shape_mismatch", counts=len(counts), refs=len(references))
    questions = tuple(
        question_index(c, r, question=q, threshold=threshold)
        for q, (c, r) in enumerate(zip(counts, references, strict=True))
    )
    scored = [(qi.index, qi.question) for qi in questions if qi.index is not None]
    if not scored:
        return RepresentativenessReport(questions, None, None, threshold)
    overall = sum(i for i, _ in scored) / len(scored)
    return RepresentativenessReport(questions, overall, min(scored)[1], threshold)

"""The published representativeness tables of one process, computed with the engine.

Per chosen question, the published cells are the count of each category and the
number of respondents. Every cell under k is suppressed, then as many others as
needed so that none can be recovered by difference (`engine.suppress`): a single
hidden category would be the total minus the others. Each question is checked on
its own atoms (its categories): one-way tables of different questions share no
published total (the number of people asked is not published, so neither is
anyone's skipping), and any set of one-way tables is compatible with many
cross-tables, so their combination reveals no cell either. The difference between
two questions' respondents counts people who skipped one of them, which is a
choice the profile offers, not a characteristic it protects.

Index (written on the page): R = 1 − ½ Σ|pᵢ − qᵢ|, pᵢ the share of category i among
the question's respondents, qᵢ its reference share. Suppressed cells enter it as one
merged group (their total is known by difference), so R is recomputable from the
published table; merging can only raise R, and with every category hidden no R is
published. In a question compared with a reference,
answers without one ("other" gender) are neither published nor counted among its
respondents.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from concerto.engines import representativeness as engine
from concerto.representativeness.catalogue import ProfileQuestion, catalogue
from concerto.representativeness.models import ProfileResponse, ProfileSettings

K = 10
# An alert needs at least this many expected respondents in the group (see _alerts).
ALERT_MIN_EXPECTED = 5


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    count: int | None  # None: suppressed
    share: float | None  # among the question's published respondents, 0..1
    reference: float | None  # population share among compared categories, 0..1
    gap_points: float | None
    under_represented: bool

    # Rounded as published in the download (the page shows one decimal).
    @property
    def share_pct(self) -> float | None:
        return None if self.share is None else round(100 * self.share, 1)

    @property
    def reference_pct(self) -> float | None:
        # Four decimals, so that the index can be recomputed from the download to the
        # third decimal; the page shows one.
        return None if self.reference is None else round(100 * self.reference, 4)

    @property
    def gap_rounded(self) -> float | None:
        return None if self.gap_points is None else round(self.gap_points, 1)


@dataclass(frozen=True)
class QuestionTable:
    question: ProfileQuestion
    respondents: int | None
    rows: tuple[Row, ...]
    index: float | None
    merged: bool  # suppressed cells merged into one group in the index


@dataclass(frozen=True)
class Alert:
    question: str
    category: str
    share: float
    reference: float
    respondents: int  # of the question, among its compared categories (true count)
    key: str = ""  # "question:category", stable across label changes


@dataclass
class Report:
    questions: list[QuestionTable]
    overall: float | None
    threshold: float
    k: int
    alerts: list[Alert] = field(default_factory=list)


def _counts(responses: list[dict], question: ProfileQuestion) -> np.ndarray:
    position = {c.code: i for i, c in enumerate(question.categories)}
    counts = np.zeros(len(position), dtype=np.int64)
    for answers in responses:
        i = position.get(answers.get(question.key))
        if i is not None:
            counts[i] += 1
    return counts


def _published(counts: np.ndarray, k: int) -> tuple[list, int | None]:
    """(category counts or None, respondents or None) after suppression."""
    size = counts.size
    publication = engine.Publication(counts)
    for i in range(size):
        publication.add_sum("category", (i,), np.arange(size) == i)
    publication.add_sum("respondents", (), np.ones(size, dtype=bool))
    values = engine.suppress(publication, k=k).published()
    return values[:size], values[size]


def _index(question: ProfileQuestion, cells: list, respondents: int | None, threshold: float):
    """Per-row shares, gaps and flags, and the index, all from the published cells only.

    Suppressed categories enter the index as one group whose count is the respondents
    minus the visible categories, and whose reference is the sum of theirs.
    """
    shares_ref = question.shares()
    hidden = [i for i, v in enumerate(cells) if v is None]
    index = None
    visible = [i for i, v in enumerate(cells) if v is not None]
    # With every category hidden, the merged group would be the whole population: R = 1
    # would say nothing, so no index is published.
    if respondents and shares_ref and visible:
        counts = [cells[i] for i in visible]
        refs = [shares_ref[question.categories[i].code] for i in visible]
        if hidden:
            counts.append(respondents - sum(counts))
            refs.append(sum(shares_ref[question.categories[i].code] for i in hidden))
        index = engine.question_index(np.array(counts), np.array(refs)).index
    rows = []
    for i, category in enumerate(question.categories):
        count = cells[i]
        reference = shares_ref.get(category.code)
        share = count / respondents if respondents and count is not None else None
        gap = 100.0 * (share - reference) if share is not None and reference is not None else None
        under = bool(gap is not None and reference > 0 and share / reference < threshold)
        rows.append(Row(category.code, category.label, count, share, reference, gap, under))
    return rows, index, bool(hidden)


def build_report(process, *, k: int = K) -> Report:
    settings = ProfileSettings.objects.filter(process=process).first()
    keys = list(settings.questions) if settings else []
    threshold = (settings.alert_percent if settings else 80) / 100
    responses = list(
        ProfileResponse.objects.filter(process=process).values_list("answers", flat=True)
    )
    known = catalogue()
    tables = []
    alerts = []
    for key in keys:
        question = known[key]
        counts = _counts(responses, question)
        tables.append(question_table(question, counts, k=k, threshold=threshold))
        alerts.extend(_alerts(question, counts, threshold))
    scored = [t.index for t in tables if t.index is not None]
    overall = sum(scored) / len(scored) if scored else None
    return Report(tables, overall, threshold, k, alerts)


def current_alerts(process) -> list[Alert]:
    """The groups under the organiser's threshold now, without building the published tables."""
    settings = ProfileSettings.objects.filter(process=process).first()
    if settings is None or not settings.questions:
        return []
    responses = list(
        ProfileResponse.objects.filter(process=process).values_list("answers", flat=True)
    )
    known = catalogue()
    threshold = settings.alert_percent / 100
    alerts = []
    for key in settings.questions:
        question = known[key]
        alerts.extend(_alerts(question, _counts(responses, question), threshold))
    return alerts


def question_table(
    question: ProfileQuestion, counts: np.ndarray, *, k: int = K, threshold: float = 0.8
) -> QuestionTable:
    """The published table of one question from its true counts (in catalogue order)."""
    # Answers without a reference (e.g. "other" gender) are left out of a compared
    # question's table: a group nearly always under k, that would take a second
    # category down with it.
    kept = question.compared or question.categories
    shown = _published(counts[[question.categories.index(c) for c in kept]], k)
    table = replace(question, categories=kept)
    rows, index, merged = _index(table, shown[0], shown[1], threshold)
    return QuestionTable(question, shown[1], tuple(rows), index, merged)


def _alerts(question: ProfileQuestion, counts: np.ndarray, threshold: float) -> list[Alert]:
    """Groups under the organiser's threshold, from the true counts (never published).

    Only groups of which at least ALERT_MIN_EXPECTED respondents were to be expected
    (respondents × population share): with fewer, a missing person or two says nothing,
    and a département question would otherwise alert on nearly every département.
    """
    shares_ref = question.shares()
    compared = [(i, c) for i, c in enumerate(question.categories) if c.code in shares_ref]
    total = sum(int(counts[i]) for i, _c in compared)
    if total == 0:
        return []
    out = []
    for i, category in compared:
        share = int(counts[i]) / total
        reference = shares_ref[category.code]
        expected = total * reference
        if expected >= ALERT_MIN_EXPECTED and share / reference < threshold:
            out.append(
                Alert(
                    question.label, category.label, share, reference, total,
                    f"{question.key}:{category.code}",
                )
            )  # fmt: skip
    return out

"""The whole analysis of one question's texts: `analyse(texts, ...)`."""

from __future__ import annotations

import time
from datetime import date, datetime

import numpy as np

from concerto.engines.textmining.campaigns import find_campaigns
from concerto.engines.textmining.corpus import read_corpus
from concerto.engines.textmining.duplicates import find_duplicates
from concerto.engines.textmining.model import Analysis, Params, ProgressCallback
from concerto.engines.textmining.themes import build_units, find_themes

EPOCH = date(1970, 1, 1)


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def epoch_days(moments: list[date | datetime | None] | None) -> np.ndarray | None:
    if moments is None:
        return None
    out = np.full(len(moments), -1, dtype=np.int64)
    for i, moment in enumerate(moments):
        if moment is not None:
            day = moment.date() if isinstance(moment, datetime) else moment
            out[i] = (day - EPOCH).days
    return out


def analyse(
    texts: list[str],
    authors: list[str | None] | None = None,
    moments: list[date | datetime | None] | None = None,
    params: Params | None = None,
    progress: ProgressCallback | None = None,
    days: np.ndarray | None = None,
) -> Analysis:
    """Duplicates, campaigns and themes of `texts` (one per contribution).

    `authors` identifies who wrote each text (None: unknown, counted as distinct);
    `moments` (or `days` since 1970-01-01, -1 when unknown) give the time profile
    of campaigns. The same input and seed give the same result.
    """
    params = params or Params()
    progress = progress or _quiet
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    texts = [t or "" for t in texts]
    if authors is not None and len(authors) != len(texts):
        raise ValueError("authors and texts differ in length")
    corpus = read_corpus(texts, authors, params.sentence_min_words, progress, params.seed)
    timings["normalisation"] = time.perf_counter() - clock

    clock = time.perf_counter()
    progress("doublons", 0, 1)
    duplicates = find_duplicates(corpus, params.seed)
    timings["duplicates"] = time.perf_counter() - clock

    clock = time.perf_counter()
    if days is None:
        days = epoch_days(moments)
    campaign, campaigns = find_campaigns(corpus, duplicates, days, params, progress)
    timings["campaigns"] = time.perf_counter() - clock

    clock = time.perf_counter()
    units = build_units(
        corpus, duplicates.group, duplicates.first, campaign, [c.example for c in campaigns]
    )
    theme, themes, chosen = find_themes(corpus, units, corpus.author, params, progress)
    timings["themes"] = time.perf_counter() - clock

    sizes = duplicates.group_size[duplicates.group]
    group = np.where(sizes > 1, duplicates.group, -1)
    return Analysis(
        n_texts=len(texts),
        n_authors=corpus.n_authors,
        n_empty=int((corpus.lengths == 0).sum()),
        duplicate_group=group,
        is_copy=duplicates.is_copy,
        is_self_repeat=duplicates.is_self_repeat,
        campaign=campaign,
        theme=theme,
        campaigns=campaigns,
        themes=themes,
        n_themes_chosen_by_engine=chosen,
        timings=timings,
    )

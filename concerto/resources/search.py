"""One ranked French search across the guide, the FAQ, the capsules and the trainings.

Each source returns candidates for the query's French stems; every candidate is then
scored the same way here, so results of different sources rank against each other.
Adding a source is one line in SOURCES: a callable (stems, words, limit) -> candidates.
"""

import math
from dataclasses import dataclass

from django.db.models import Q
from django.utils.module_loading import import_string

from concerto.plaintext import html_to_line
from concerto.resources.models import (
    CapsulePage,
    FaqEntryPage,
    FollowUpDossierPage,
    GuideChapterPage,
    GuideSheetPage,
)
from concerto.resources.stemming import STOP_WORDS, fold, stem_words
from concerto.trainings.models import Training

SOURCES: tuple[str, ...] = (
    "concerto.resources.search.page_source",
    "concerto.resources.search.training_source",
)
CANDIDATES_PER_SOURCE = 50
EXCERPT_CHARS = 220


@dataclass
class Candidate:
    kind: str
    title: str
    url: str
    text: str
    score: float = 0.0
    excerpt: str = ""


def page_models():
    return (GuideSheetPage, GuideChapterPage, FaqEntryPage, CapsulePage, FollowUpDossierPage)


def _page_candidates(models, stems: list[str], limit: int) -> list[Candidate]:
    candidates = []
    for model in models:
        # The index holds each page's stems (see ResourcePage): search for the stems alone.
        pages = model.objects.live().search(" ".join(stems), operator="or")[:limit]
        for page in pages:
            candidates.append(
                Candidate(
                    kind=str(page.kind_label),
                    title=page.title,
                    url=page.url,
                    text=html_to_line(page.search_text()),
                )
            )
    return candidates


def page_source(stems: list[str], words: list[str], limit: int) -> list[Candidate]:
    return _page_candidates(page_models(), stems, limit)


def training_source(stems: list[str], words: list[str], limit: int) -> list[Candidate]:
    from django.utils.translation import gettext

    match = Q()
    for word in words:
        match |= Q(title__icontains=word) | Q(description__icontains=word)
    trainings = Training.objects.published().filter(match)[:limit]
    return [
        Candidate(
            kind=gettext("Formation"),
            title=training.title,
            url=training.get_absolute_url(),
            text=f"{training.description} {training.objectives}",
        )
        for training in trainings
    ]


def _score(candidate: Candidate, stems: list[str]) -> float:
    """Query stems found in the title weigh more than in the text; repeats count less and
    less, and long texts are not favoured for their length alone."""
    title_stems = stem_words(candidate.title)
    text_stems = stem_words(candidate.text)
    length_norm = 1 + len(text_stems) / 400
    score = 0.0
    for stem in set(stems):
        if stem in title_stems:
            score += 3
        count = text_stems.count(stem)
        if count:
            score += (1 + math.log(count)) / length_norm
    return score


def _excerpt(text: str, words: list[str]) -> str:
    folded = fold(text)
    positions = [folded.find(fold(word)) for word in words]
    positions = [p for p in positions if p >= 0]
    start = max(0, min(positions) - 60) if positions else 0
    snippet = text[start : start + EXCERPT_CHARS].strip()
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_CHARS < len(text) else ""
    return f"{prefix}{snippet}{suffix}"


def query_terms(query: str) -> tuple[list[str], list[str]]:
    words = [w for w in query.lower().split() if w.strip(".,;:!?'\"") not in STOP_WORDS]
    words = [w.strip(".,;:!?'\"") for w in words if len(w.strip(".,;:!?'\"")) > 1]
    return stem_words(" ".join(words)), words


def rank(candidates: list[Candidate], stems: list[str], words: list[str]) -> list[Candidate]:
    unique: dict[str, Candidate] = {}
    for candidate in candidates:
        candidate.score = _score(candidate, stems)
        if candidate.score > 0 and candidate.url not in unique:
            candidate.excerpt = _excerpt(candidate.text, words)
            unique[candidate.url] = candidate
    return sorted(unique.values(), key=lambda c: (-c.score, c.title))


def search(query: str, limit: int = 30) -> list[Candidate]:
    stems, words = query_terms(query)
    if not stems:
        return []
    candidates: list[Candidate] = []
    for dotted in SOURCES:
        candidates.extend(import_string(dotted)(stems, words, CANDIDATES_PER_SOURCE))
    return rank(candidates, stems, words)[:limit]


def search_faq(query: str, parent=None) -> list[Candidate]:
    """The FAQ page's own search box: the same ranking, over its questions only."""
    stems, words = query_terms(query)
    if not stems:
        return []
    return rank(_page_candidates((FaqEntryPage,), stems, CANDIDATES_PER_SOURCE), stems, words)

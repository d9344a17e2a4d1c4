"""Themes: clusters of distinct texts in a latent semantic space, labelled with
their most distinctive stems, with representative quotes.

Only distinct texts are clustered (copies follow their original) and each
campaign counts as one text, weighted by the logarithm of its size, so repeated
texts cannot shape the themes by sheer number; sizes still count every text.
Quotes are drawn from distinct texts only: never from a campaign, nor a copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from concerto.engines.textmining.corpus import Corpus
from concerto.engines.textmining.model import Params, ProgressCallback, Theme
from concerto.engines.textmining.normalise import LABEL_SKIP

MIN_STEMS = 2  # texts with fewer content words are not classified


@dataclass
class Units:
    docs: np.ndarray  # row index of each unit (a distinct text or a campaign)
    weight: np.ndarray
    doc_unit: np.ndarray  # per row: its unit, or -1
    # Per unit: a distinct text written once, or by its author only (not a
    # campaign), which may stand for its theme as a quote.
    quotable: np.ndarray


def build_units(
    corpus: Corpus,
    group: np.ndarray,
    first: np.ndarray,
    campaign: np.ndarray,
    campaign_examples: list[int],
) -> Units:
    n = campaign.size
    doc_unit = np.full(n, -1, dtype=np.int64)
    free_groups = np.ones(first.size, dtype=bool)
    free_groups[np.unique(group[campaign >= 0])] = False
    group_reps = first[free_groups]
    docs = np.concatenate([group_reps, np.asarray(campaign_examples, dtype=np.int64)])
    unit_of_group = np.full(first.size, -1, dtype=np.int64)
    unit_of_group[free_groups] = np.arange(group_reps.size)
    outside = campaign < 0
    doc_unit[outside] = unit_of_group[group[outside]]
    doc_unit[~outside] = group_reps.size + campaign[~outside]
    counts = np.bincount(doc_unit[doc_unit >= 0], minlength=docs.size)
    weight = 1.0 + np.log(np.maximum(counts, 1))
    quotable = np.arange(docs.size) < group_reps.size
    return Units(docs=docs, weight=weight, doc_unit=doc_unit, quotable=quotable)


def stem_matrix(corpus: Corpus, docs: np.ndarray) -> csr_matrix:
    stem_of_word = np.asarray(corpus.tokeniser.vocabulary.stem_of_word, dtype=np.int64)
    starts = corpus.offsets[docs]
    lengths = corpus.offsets[docs + 1] - starts
    cum = np.concatenate([[0], np.cumsum(lengths)])
    index = np.arange(cum[-1], dtype=np.int64) + np.repeat(starts - cum[:-1], lengths)
    rows = np.repeat(np.arange(docs.size, dtype=np.int64), lengths)
    stems = stem_of_word[corpus.ids[index]]
    keep = stems >= 0
    n_stems = len(corpus.tokeniser.vocabulary.stems)
    matrix = csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], stems[keep])),
        shape=(docs.size, max(n_stems, 1)),
    )
    matrix.sum_duplicates()
    return matrix


def tfidf(counts: csr_matrix, max_features: int) -> tuple[csr_matrix, np.ndarray]:
    """Sublinear TF-IDF over the stems that are neither rare nor everywhere."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    min_df = max(2, math.ceil(0.0001 * n))
    candidates = np.flatnonzero((df >= min_df) & (df <= max(2, 0.5 * n)))
    if candidates.size < 10:  # a handful of texts: every word counts
        candidates = np.flatnonzero(df >= 1)
    if candidates.size > max_features:
        candidates = candidates[np.argsort(-df[candidates], kind="stable")[:max_features]]
        candidates.sort()
    matrix = counts[:, candidates].tocsr()
    matrix.data = 1.0 + np.log(matrix.data)
    idf = np.log((1 + n) / (1 + df[candidates])) + 1.0
    matrix = matrix.multiply(idf.astype(np.float32)).tocsr()
    return normalize(matrix), candidates


def embed(matrix: csr_matrix, components: int, seed: int) -> np.ndarray:
    n, f = matrix.shape
    components = min(components, f - 1, n - 1)
    if components < 2:
        return matrix.toarray().astype(np.float32)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, size=20_000, replace=False)) if n > 20_000 else slice(None)
    svd = TruncatedSVD(n_components=components, n_iter=4, random_state=seed)
    svd.fit(matrix[sample])
    embedded = (matrix @ svd.components_.T.astype(np.float32)).astype(np.float32)
    return normalize(embedded)


def cluster(
    points: np.ndarray, weight: np.ndarray, k: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    if points.shape[0] <= 30_000:
        model = KMeans(n_clusters=k, n_init=4, random_state=seed)
    else:
        model = MiniBatchKMeans(
            n_clusters=k, batch_size=8192, n_init=3, max_iter=50, random_state=seed
        )
    model.fit(points, sample_weight=weight)
    return model.labels_, model.cluster_centers_


def choose_k(points: np.ndarray, params: Params) -> int:
    n = points.shape[0]
    high = min(params.max_themes, max(2, n // 5))
    low = min(params.min_themes, high)
    if high <= low:
        return max(1, min(low, n))
    rng = np.random.default_rng(params.seed)
    sample = points[rng.choice(n, size=min(n, 2000), replace=False)]
    best_k, best_score = low, -2.0
    for k in range(low, high + 1, 2 if high - low > 6 else 1):
        labels = KMeans(n_clusters=k, n_init=2, random_state=params.seed).fit_predict(sample)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette_score(sample, labels)
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def find_themes(
    corpus: Corpus,
    units: Units,
    authors: np.ndarray,
    params: Params,
    progress: ProgressCallback,
) -> tuple[np.ndarray, list[Theme], bool]:
    n = units.doc_unit.size
    theme_of_doc = np.full(n, -1, dtype=np.int64)
    counts = stem_matrix(corpus, units.docs)
    classified = np.flatnonzero(np.diff(counts.indptr) >= MIN_STEMS)
    if classified.size < 2:
        return theme_of_doc, [], params.n_themes is None
    progress("thèmes", 1, 4)
    matrix, features = tfidf(counts[classified], params.max_features)
    points = embed(matrix, params.svd_components, params.seed)
    progress("thèmes", 2, 4)
    chosen = params.n_themes is None
    k = choose_k(points, params) if chosen else max(1, min(params.n_themes, classified.size))
    labels, centres = cluster(points, units.weight[classified], k, params.seed)
    progress("thèmes", 3, 4)
    # Themes numbered by size, largest first.
    unit_label = np.full(units.docs.size, -1, dtype=np.int64)
    unit_label[classified] = labels
    raw = unit_label[units.doc_unit]
    raw[units.doc_unit < 0] = -1
    sizes = np.bincount(raw[raw >= 0], minlength=k)
    order = np.lexsort((np.arange(k), -sizes))
    rank = np.empty(k, dtype=np.int64)
    rank[order] = np.arange(k)
    theme_of_doc[raw >= 0] = rank[raw[raw >= 0]]
    labels = rank[labels]
    centres = normalize(centres[order])
    pairs = np.unique(np.stack([theme_of_doc[raw >= 0], authors[raw >= 0]]), axis=1)
    theme_authors = np.bincount(pairs[0], minlength=k)
    vocabulary = corpus.tokeniser.vocabulary
    stems_words = _distinctive_terms(matrix, labels, k)
    themes = []
    for t in range(k):
        terms = [vocabulary.display(int(features[i])) for i in stems_words[t]]
        members = np.flatnonzero(labels == t)
        themes.append(
            Theme(
                id=t,
                label=_label(terms),
                terms=terms,
                size=int(sizes[order[t]]),
                authors=int(theme_authors[t]),
                quotes=_quotes(corpus, units, classified, members, points, centres[t], params),
            )
        )
    progress("thèmes", 4, 4)
    return theme_of_doc, themes, chosen


def _distinctive_terms(matrix: csr_matrix, labels: np.ndarray, k: int, top: int = 8):
    indicator = csr_matrix(
        (np.ones(labels.size, dtype=np.float32), (labels, np.arange(labels.size))),
        shape=(k, labels.size),
    )
    sums = np.asarray((indicator @ matrix).todense())
    sizes = np.maximum(np.bincount(labels, minlength=k), 1)[:, None]
    means = sums / sizes
    overall = np.asarray(matrix.mean(axis=0)).ravel() + 1e-9
    score = means * np.log1p(means / overall)
    result = []
    for t in range(k):
        best = np.argsort(-score[t], kind="stable")[:top]
        result.append(best[score[t][best] > 0])
    return result


def _label(terms: list[str]) -> str:
    terms = [t for t in terms if t.lower() not in LABEL_SKIP]
    if not terms:
        return "—"
    label = ", ".join(terms[:3])
    return label[0].upper() + label[1:]


def _quotes(corpus, units, classified, members, points, centre, params) -> list[int]:
    """Close to the centre, mid-length, and not near-duplicates of one another;
    never a campaign's text (a campaign is reported as such, with its size)."""
    members = members[units.quotable[classified[members]]]
    if members.size == 0:
        return []
    docs = units.docs[classified[members]]
    lengths = corpus.offsets[docs + 1] - corpus.offsets[docs]
    low, high = np.percentile(lengths, [25, 75])
    low, high = max(5, low), max(max(5, low), min(120, high))
    mid = (lengths >= low) & (lengths <= high)
    pool = np.flatnonzero(mid) if mid.any() else np.arange(members.size)
    similarity = points[members[pool]] @ centre
    ranked = pool[np.argsort(-similarity, kind="stable")[:200]]
    chosen: list[int] = []
    chosen_words: list[set] = []
    for i in ranked:
        words = set(corpus.ids[corpus.offsets[docs[i]] : corpus.offsets[docs[i] + 1]].tolist())
        if any(len(words & other) / max(1, len(words | other)) > 0.5 for other in chosen_words):
            continue
        if any(float(points[members[i]] @ points[members[j]]) > 0.9 for j in chosen):
            continue
        chosen.append(int(i))
        chosen_words.append(words)
        if len(chosen) == params.quotes_per_theme:
            break
    return [int(docs[i]) for i in chosen]

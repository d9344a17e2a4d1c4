"""Campaigns: near-identical texts, or one sentence, sent by many distinct authors.

Near-identical texts are found with MinHash signatures of word trigrams and
locality-sensitive hashing (bands of rows); candidate pairs are kept when their
estimated Jaccard similarity passes the threshold, and joined into groups.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from concerto.engines.textmining.corpus import Corpus, segment_reduce
from concerto.engines.textmining.duplicates import Duplicates
from concerto.engines.textmining.model import Campaign, Params, ProgressCallback

MERSENNE_61 = np.uint64((1 << 61) - 1)


def minhash_signatures(
    corpus: Corpus, docs: np.ndarray, permutations: int, seed: int, progress: ProgressCallback
) -> np.ndarray:
    """MinHash of the word-trigram sets of `docs` (texts of at least three words)."""
    rng = np.random.default_rng(seed + 1)
    unaccented = corpus.unaccented_table()
    word_value = rng.integers(1, 2**62, size=int(unaccented.max(initial=0)) + 1, dtype=np.int64)
    starts = corpus.offsets[docs]
    lengths = corpus.offsets[docs + 1] - starts
    n_shingles = lengths - 2
    # Positions of every trigram's first word, doc after doc.
    shingle_offsets = np.concatenate([[0], np.cumsum(n_shingles)])
    first = np.arange(shingle_offsets[-1], dtype=np.int64) + np.repeat(
        starts - shingle_offsets[:-1], n_shingles
    )
    w = word_value[unaccented[corpus.ids]].astype(np.uint64)
    with np.errstate(over="ignore"):
        shingles = (
            w[first] * np.uint64(0x9E3779B97F4A7C15)
            + w[first + 1] * np.uint64(0xC2B2AE3D27D4EB4F)
            + w[first + 2]
        )
    del first
    a = rng.integers(1, 2**61 - 1, size=permutations, dtype=np.int64).astype(np.uint64)
    b = rng.integers(0, 2**61 - 1, size=permutations, dtype=np.int64).astype(np.uint64)
    signatures = np.empty((docs.size, permutations), dtype=np.uint64)
    shingles = shingles >> np.uint64(3)
    for k in range(permutations):
        with np.errstate(over="ignore"):
            hashed = (shingles * a[k] + b[k]) >> np.uint64(11)
        signatures[:, k] = segment_reduce(hashed, shingle_offsets, np.minimum, np.uint64(2**63))
        if k % 8 == 0:
            progress("campagnes", k, permutations)
    return signatures


def near_duplicate_groups(signatures: np.ndarray, rows: int, threshold: float) -> np.ndarray:
    """Group label per signature; signatures agreeing on a whole band are candidates."""
    n, permutations = signatures.shape
    sources: list[np.ndarray] = []
    targets: list[np.ndarray] = []
    mix = np.random.default_rng(7).integers(1, 2**63, size=rows, dtype=np.int64).astype(np.uint64)
    for band in range(permutations // rows):
        block = signatures[:, band * rows : (band + 1) * rows]
        with np.errstate(over="ignore"):
            key = (block * mix).sum(axis=1)
        order = np.argsort(key, kind="stable")
        same = key[order[1:]] == key[order[:-1]]
        left, right = order[:-1][same], order[1:][same]
        if left.size:
            agree = (signatures[left] == signatures[right]).mean(axis=1) >= threshold
            sources.append(left[agree])
            targets.append(right[agree])
    if not sources:
        return np.arange(n)
    src = np.concatenate(sources)
    dst = np.concatenate(targets)
    graph = coo_matrix((np.ones(src.size, dtype=np.int8), (src, dst)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


def _distinct_per_group(group: np.ndarray, author: np.ndarray) -> np.ndarray:
    pairs = np.unique(np.stack([group, author]), axis=1)
    return np.bincount(pairs[0], minlength=int(group.max(initial=-1)) + 1)


def find_campaigns(
    corpus: Corpus,
    duplicates: Duplicates,
    days: np.ndarray | None,
    params: Params,
    progress: ProgressCallback,
) -> tuple[np.ndarray, list[Campaign]]:
    n = corpus.offsets.size - 1
    campaign = np.full(n, -1, dtype=np.int64)
    campaigns: list[Campaign] = []
    # One signature per distinct text: copies share their original's group.
    reps = duplicates.first
    long_enough = (corpus.offsets[reps + 1] - corpus.offsets[reps]) >= max(
        3, params.campaign_min_words
    )
    reps = reps[long_enough]
    text_group = np.full(n, -1, dtype=np.int64)
    if reps.size:
        signatures = minhash_signatures(
            corpus, reps, params.minhash_permutations, params.seed, progress
        )
        labels = near_duplicate_groups(signatures, params.lsh_rows, params.near_duplicate_jaccard)
        rep_label = np.full(duplicates.first.size, -1, dtype=np.int64)
        rep_label[np.flatnonzero(long_enough)] = labels
        text_group = rep_label[duplicates.group]
    member = text_group >= 0
    if member.any():
        authors = _distinct_per_group(text_group[member], corpus.author[member])
        sizes = np.bincount(text_group[member], minlength=authors.size)
        # Largest first, ties by first row: stable, deterministic ids.
        first_row = np.full(authors.size, n, dtype=np.int64)
        np.minimum.at(first_row, text_group[member], np.flatnonzero(member))
        chosen = np.flatnonzero(authors >= params.campaign_min_authors)
        chosen = chosen[np.lexsort((first_row[chosen], -sizes[chosen]))]
        for group in chosen:
            campaigns.append(
                Campaign(
                    id=len(campaigns),
                    kind="text",
                    size=int(sizes[group]),
                    authors=int(authors[group]),
                    example=int(first_row[group]),
                )
            )
        ids = np.full(authors.size, -1, dtype=np.int64)
        ids[chosen] = np.arange(chosen.size)
        campaign[member] = ids[text_group[member]]
    _sentence_campaigns(corpus, campaign, campaigns, params)
    if days is not None:
        rows = (campaign >= 0) & (days >= 0)
        pairs, counts = np.unique(
            np.stack([campaign[rows], days[rows]]), axis=1, return_counts=True
        )
        for (c, day), count in zip(pairs.T.tolist(), counts.tolist(), strict=True):
            campaigns[c].days[day] = count
    return campaign, campaigns


def _sentence_campaigns(corpus: Corpus, campaign: np.ndarray, campaigns: list, params: Params):
    """A sentence pasted by many authors into otherwise different texts."""
    if not corpus.sentence_hash.size:
        return
    free = campaign[corpus.sentence_doc] < 0
    hashes = corpus.sentence_hash[free]
    docs = corpus.sentence_doc[free]
    positions = np.flatnonzero(free)
    if not hashes.size:
        return
    uniques, group = np.unique(hashes, return_inverse=True)
    group = group.reshape(-1)
    authors = _distinct_per_group(group, corpus.author[docs])
    # Common sentences recur by chance in large consultations: the bar rises
    # with the number of authors.
    threshold = max(
        params.campaign_min_authors, math.ceil(params.sentence_min_share * corpus.n_authors)
    )
    chosen = np.flatnonzero(authors >= threshold)
    sizes = np.bincount(group, minlength=uniques.size)
    first = np.full(uniques.size, hashes.size, dtype=np.int64)
    np.minimum.at(first, group, np.arange(group.size))
    chosen = chosen[np.lexsort((first[chosen], -sizes[chosen]))]
    order = np.argsort(group, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    words = corpus.tokeniser.vocabulary.words
    unaccented = corpus.unaccented_table()[corpus.ids] if chosen.size else None
    frequency = np.bincount(unaccented) if chosen.size else None
    for g in chosen:
        rows = np.unique(docs[order[bounds[g] : bounds[g + 1]]])
        start = corpus.sentence_first_word[positions[first[g]]]
        length = corpus.sentence_length[positions[first[g]]]
        # A long sentence found run into another is pasted too; a short one
        # inside a longer sentence is as likely a common turn of phrase.
        if length >= params.campaign_min_words:
            found = _docs_containing(corpus, unaccented, frequency, start, length)
            rows = np.union1d(rows, found)
        rows = rows[campaign[rows] < 0]
        n_authors = int(np.unique(corpus.author[rows]).size)
        if n_authors < threshold:
            continue
        example = positions[first[g]]
        start = corpus.sentence_first_word[example]
        sentence = " ".join(
            words[i] for i in corpus.ids[start : start + corpus.sentence_length[example]]
        )
        campaign[rows] = len(campaigns)
        campaigns.append(
            Campaign(
                id=len(campaigns),
                kind="sentence",
                size=int(rows.size),
                authors=n_authors,
                example=int(rows[0]),
                sentence=sentence,
            )
        )


def _docs_containing(
    corpus: Corpus, words: np.ndarray, frequency: np.ndarray, start: int, length: int
) -> np.ndarray:
    """Texts holding the word sequence words[start:start + length] anywhere,
    even run into a neighbouring sentence for want of punctuation (a pasted
    sentence is often not followed by a full stop)."""
    sequence = words[start : start + length]
    # Anchor on the sequence's rarest word: fewest candidates to check.
    anchor = int(np.argmin(frequency[sequence]))
    candidates = np.flatnonzero(words == sequence[anchor]) - anchor
    candidates = candidates[(candidates >= 0) & (candidates + length <= words.size)]
    for j in range(length):
        if j != anchor and candidates.size:
            candidates = candidates[words[candidates + j] == sequence[j]]
    doc = np.searchsorted(corpus.offsets, candidates, side="right") - 1
    inside = candidates + length <= corpus.offsets[doc + 1]
    return np.unique(doc[inside])

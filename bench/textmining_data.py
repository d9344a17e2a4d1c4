"""Synthetic consultations built from real Grand Débat answers, with known truth.

Base texts recombine two or three real answers (Grand Débat National 2019 open
data, Licence Ouverte, via DisaitekAI/grand_debat_blogpost); the generator then
injects an author's own repeats, copies by other authors, text campaigns
(near-identical variants of one text by many distinct authors) and sentence
campaigns (one sentence pasted into otherwise different texts).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "consultations"
if not DATA.exists():
    DATA = Path("/work/shared/data/consultations")
GRAND_DEBAT = DATA / "grand_debat_2019"
CONVENTION = DATA / "convention_citoyenne_climat_2020" / "proposals.json"

PREFIXES = ["Je pense que ", "Pour moi, ", "À mon avis : ", "Selon moi ", ""]
SUFFIXES = ["", " Merci.", " Cordialement", " !", " Voilà."]


ACCENTS = str.maketrans("àâäáãçéèêëíìîïñóòôöõúùûüýÿœæ", "aaaaaceeeeiiiinooooouuuuyyoa")


def canonical(text: str) -> str:
    """The generator's own canonical form (not the engine's): letters only."""
    return " ".join(re.findall(r"[a-z]+", text.lower().translate(ACCENTS)))


def question_answers() -> tuple[list[str], list[int], list[str]]:
    """Real answers, the question each answers (label), and the question files."""
    texts, labels, files = [], [], []
    for path in sorted(GRAND_DEBAT.glob("gd_animation_*_*.csv")):
        files.append(path.name)
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                texts.append(row["comment"])
                labels.append(len(files) - 1)
    return texts, labels, files


def convention_proposals() -> tuple[list[str], list[str]]:
    proposals = json.loads(CONVENTION.read_text(encoding="utf-8"))
    return [p["proposal"] for p in proposals], [p["theme"] for p in proposals]


@dataclass
class Synthetic:
    texts: list[str]
    authors: list[str]
    days: np.ndarray
    true_copy: np.ndarray
    true_self_repeat: np.ndarray
    true_campaign: np.ndarray  # injected campaign id or -1
    campaign_kinds: list[str]


def _variant(rng: np.random.Generator, text: str) -> str:
    """A light edit, as people do when they paste a campaign text."""
    roll = rng.random()
    if roll < 0.4:
        return text
    if roll < 0.55:
        return text.upper() if rng.random() < 0.3 else text.lower()
    if roll < 0.8:
        words = text.split()
        if len(words) > 12:
            del words[int(rng.integers(len(words)))]
        return " ".join(words)
    return (
        PREFIXES[int(rng.integers(len(PREFIXES)))]
        + text
        + SUFFIXES[int(rng.integers(len(SUFFIXES)))]
    )


def generate(size: int, seed: int = 0) -> Synthetic:
    rng = np.random.default_rng(seed)
    pool, _, _ = question_answers()
    pool = list(dict.fromkeys(t.strip() for t in pool if t.strip()))
    long_pool = [t for t in pool if len(t.split()) >= 15]
    sentences = [
        s.strip()
        for t in long_pool
        for s in re.split(r"(?<=[.!?])\s+", t)
        if 10 <= len(s.split()) <= 30
    ]
    n_campaign_rows = int(size * 0.07)
    n_sentence_rows = int(size * 0.02)
    n_self = int(size * 0.05)
    n_cross = int(size * 0.03)
    n_base = size - n_campaign_rows - n_sentence_rows - n_self - n_cross

    texts: list[str] = []
    authors: list[str] = []
    campaign: list[int] = []
    n_authors = max(10, int(n_base * 0.7))
    for _ in range(n_base):
        parts = rng.integers(len(pool), size=int(rng.integers(2, 4)))
        texts.append(" ".join(pool[i] for i in parts))
        authors.append(f"a{int(rng.integers(n_authors))}")
        campaign.append(-1)
    days = list(rng.integers(17_900, 17_960, size=n_base))
    kinds: list[str] = []
    # Text campaigns: sizes spread from tens to thousands of texts.
    n_text_campaigns = max(2, min(40, n_campaign_rows // 25))
    weights = rng.pareto(1.2, size=n_text_campaigns) + 1
    sizes = np.maximum(8, (weights / weights.sum() * n_campaign_rows).astype(int))
    fresh = 0
    for c, n in enumerate(sizes):
        template = " ".join(long_pool[i] for i in rng.integers(len(long_pool), size=2))
        start = int(rng.integers(17_900, 17_955))
        kinds.append("text")
        for _ in range(n):
            texts.append(_variant(rng, template))
            authors.append(f"c{fresh}")
            fresh += 1
            campaign.append(c)
            days.append(start + int(rng.integers(0, 4)))
    n_sentence_campaigns = max(1, min(10, n_sentence_rows // 20))
    for _ in range(n_sentence_campaigns):
        sentence = sentences[int(rng.integers(len(sentences)))]
        start = int(rng.integers(17_900, 17_955))
        cid = len(kinds)
        kinds.append("sentence")
        for _ in range(max(8, n_sentence_rows // n_sentence_campaigns)):
            base = pool[int(rng.integers(len(pool)))]
            texts.append(f"{base} {sentence}" if rng.random() < 0.5 else f"{sentence} {base}")
            authors.append(f"c{fresh}")
            fresh += 1
            campaign.append(cid)
            days.append(start + int(rng.integers(0, 4)))
    # Repeats of earlier texts: by the same author, then by another author.
    originals = rng.integers(n_base, size=n_self + n_cross)
    for k, i in enumerate(originals):
        text = texts[i]
        texts.append(text if rng.random() < 0.7 else text.upper())
        authors.append(authors[i] if k < n_self else f"x{k}")
        campaign.append(-1)
        days.append(days[i] + int(rng.integers(0, 3)))
    order = rng.permutation(len(texts))
    texts = [texts[i] for i in order]
    authors = [authors[i] for i in order]
    campaign_arr = np.asarray(campaign, dtype=np.int64)[order]
    days_arr = np.asarray(days, dtype=np.int64)[order]
    # Ground truth of copies, by the generator's own canonical form.
    seen: set[str] = set()
    seen_pair: set[tuple[str, str]] = set()
    true_copy = np.zeros(len(texts), dtype=bool)
    true_self = np.zeros(len(texts), dtype=bool)
    for i, (text, author) in enumerate(zip(texts, authors, strict=True)):
        key = canonical(text)
        true_copy[i] = key in seen
        true_self[i] = (author, key) in seen_pair
        seen.add(key)
        seen_pair.add((author, key))
    return Synthetic(texts, authors, days_arr, true_copy, true_self, campaign_arr, kinds)

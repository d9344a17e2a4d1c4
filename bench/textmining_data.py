"""Synthetic consultations built from real Grand Débat answers, with known truth.

Background texts are distinct: every real answer once (Grand Débat National 2019
open data, Licence Ouverte, via DisaitekAI/grand_debat_blogpost, and the
République numérique arguments), then new texts recombining sentences of
different answers (see Background), so that no background text copies or
nearly copies another: the only copies and campaigns are those the generator
injects and knows. It injects an author's own repeats, copies by other authors, text campaigns
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
ARGUMENTS = DATA / "republique_numerique_2015" / "arguments.jsonl"
SENTENCE = re.compile(r"(?<=[.!?;])\s+")

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


def real_answers() -> list[str]:
    """Every distinct real answer (generator's canonical form), in a fixed order:
    all Grand Débat files, then République numérique arguments."""
    texts: list[str] = []
    for path in sorted(GRAND_DEBAT.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            texts.extend(row["comment"] for row in csv.DictReader(handle))
    with ARGUMENTS.open(encoding="utf-8") as handle:
        texts.extend(json.loads(line)["body"] for line in handle if line.strip())
    distinct: dict[str, str] = {}
    for text in texts:
        text = " ".join(text.split())
        key = canonical(text)
        if key and key not in distinct:
            distinct[key] = text
    return list(distinct.values())


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if len(s.split()) >= 3]


class Background:
    """Distinct background texts: real answers drawn without replacement, then,
    once they are used up, new texts recombining 3 to 5 sentences of different
    answers. No sentence makes up more than MAX_SHARE of a recombined text's
    words, so two texts sharing one sentence are never near-duplicates; the
    sentences are dealt out from a shuffled deck, reshuffled when empty, so each
    recurs at most once per pass over the deck (a draw that breaks the rule is
    dropped, not put back: putting it back could leave a deck of sentences that
    never fit together)."""

    MAX_SHARE = 0.4
    MAX_SENTENCE_WORDS = 40

    def __init__(self, rng: np.random.Generator, answers: list[str]):
        self.rng = rng
        self.answers = [answers[i] for i in rng.permutation(len(answers))]
        self.used = 0
        self.sentences = list(
            dict.fromkeys(
                s
                for a in answers
                for s in split_sentences(a)
                if len(s.split()) <= self.MAX_SENTENCE_WORDS
            )
        )
        self.words = np.asarray([len(s.split()) for s in self.sentences])
        self.deck: list[int] = []

    def _draw(self, k: int) -> list[int]:
        if len(self.deck) < k:
            self.deck = self.rng.permutation(len(self.sentences)).tolist()
        parts = self.deck[-k:]
        del self.deck[-k:]
        return parts

    def next(self) -> str:
        if self.used < len(self.answers):
            self.used += 1
            return self.answers[self.used - 1]
        while True:
            parts = self._draw(int(self.rng.integers(3, 6)))
            lengths = self.words[parts]
            if lengths.max() <= self.MAX_SHARE * lengths.sum():
                return " ".join(self.sentences[i] for i in parts)


def generate(size: int, seed: int = 0) -> Synthetic:
    rng = np.random.default_rng(seed)
    answers = real_answers()
    order = rng.permutation(len(answers))
    long_answers = [answers[i] for i in order if len(answers[i].split()) >= 15]
    n_campaign_rows = int(size * 0.07)
    n_sentence_rows = int(size * 0.02)
    n_self = int(size * 0.05)
    n_cross = int(size * 0.03)
    n_base = size - n_campaign_rows - n_sentence_rows - n_self - n_cross
    n_text_campaigns = max(2, min(40, n_campaign_rows // 25))
    n_sentence_campaigns = max(1, min(10, n_sentence_rows // 20))
    # Campaign material is set aside: background texts never contain it.
    templates = [" ".join(long_answers[2 * c : 2 * c + 2]) for c in range(n_text_campaigns)]
    reserved = set(long_answers[: 2 * n_text_campaigns])
    rest = long_answers[2 * n_text_campaigns :]
    sentences = [s for t in rest for s in split_sentences(t) if 10 <= len(s.split()) <= 30][
        :n_sentence_campaigns
    ]
    reserved.update(t for t in rest if any(s in t for s in sentences))
    background = Background(rng, [a for a in answers if a not in reserved])

    texts: list[str] = []
    authors: list[str] = []
    campaign: list[int] = []
    n_authors = max(10, int(n_base * 0.7))
    for _ in range(n_base):
        texts.append(background.next())
        authors.append(f"a{int(rng.integers(n_authors))}")
        campaign.append(-1)
    days = list(rng.integers(17_900, 17_960, size=n_base))
    kinds: list[str] = []
    # Text campaigns: sizes spread from tens to thousands of texts.
    weights = rng.pareto(1.2, size=n_text_campaigns) + 1
    sizes = np.maximum(8, (weights / weights.sum() * n_campaign_rows).astype(int))
    fresh = 0
    for c, n in enumerate(sizes):
        template = templates[c]
        start = int(rng.integers(17_900, 17_955))
        kinds.append("text")
        for _ in range(n):
            texts.append(_variant(rng, template))
            authors.append(f"c{fresh}")
            fresh += 1
            campaign.append(c)
            days.append(start + int(rng.integers(0, 4)))
    for sentence in sentences:
        start = int(rng.integers(17_900, 17_955))
        cid = len(kinds)
        kinds.append("sentence")
        for _ in range(max(8, n_sentence_rows // n_sentence_campaigns)):
            base = background.next()
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

"""Benchmark of the text-mining engine (issue 8).

    uv run --group bench python bench/bench_textmining.py [--size 1000000] [--seed 0]

1. Builds `--size` contributions from real Grand Débat answers with injected
   duplicates and campaigns (see bench/textmining_data.py), runs the whole
   pipeline, prints time, peak RSS, and precision/recall of the injected
   duplicates, own repeats and campaigns. Targets: ≤ 600 s on 2 cores, ≤ 8 GB.
2. Themes against human labels, engine vs a plain TF-IDF + k-means baseline,
   adjusted Rand index: the Convention citoyenne's 146 proposals (6 themes) and
   Grand Débat answers labelled by the question they answer (8 questions).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402
from textmining_data import convention_proposals, generate, question_answers  # noqa: E402

from concerto.engines.textmining import Params, analyse  # noqa: E402

TIME_TARGET_S = 600
RSS_TARGET_GB = 8


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def precision_recall(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    tp = int((predicted & truth).sum())
    return tp / max(1, int(predicted.sum())), tp / max(1, int(truth.sum()))


def campaign_purity(predicted: np.ndarray, truth: np.ndarray) -> tuple[int, int]:
    """Injected campaigns whose texts mostly (≥ 90 %) land in one detected campaign."""
    found = 0
    ids = np.unique(truth[truth >= 0])
    for c in ids:
        labels = predicted[truth == c]
        labels = labels[labels >= 0]
        if labels.size and np.bincount(labels).max() >= 0.9 * (truth == c).sum():
            found += 1
    return found, ids.size


def scale(size: int, seed: int) -> bool:
    print(f"== {size:,} contributions (seed {seed}) ==")
    started = time.perf_counter()
    data = generate(size, seed)
    print(
        f"generated in {time.perf_counter() - started:.1f} s; "
        f"{len(data.campaign_kinds)} injected campaigns"
    )
    last = [time.perf_counter()]

    def progress(stage: str, done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  … {stage} {done}/{total}", flush=True)

    started = time.perf_counter()
    result = analyse(
        data.texts, data.authors, params=Params(seed=seed), progress=progress, days=data.days
    )
    elapsed = time.perf_counter() - started
    rss = peak_rss_gb()
    print(
        f"pipeline: {elapsed:.1f} s ("
        + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
        + f"); peak RSS {rss:.2f} GB"
    )
    p, r = precision_recall(result.is_copy, data.true_copy)
    print(
        f"exact copies:   precision {p:.4f} recall {r:.4f} "
        f"(found {result.n_copies:,}, true {int(data.true_copy.sum()):,})"
    )
    p, r = precision_recall(result.is_self_repeat, data.true_self_repeat)
    print(
        f"own repeats:    precision {p:.4f} recall {r:.4f} "
        f"(found {result.n_self_repeats:,}, true {int(data.true_self_repeat.sum()):,})"
    )
    p, r = precision_recall(result.campaign >= 0, data.true_campaign >= 0)
    found, total = campaign_purity(result.campaign, data.true_campaign)
    print(
        f"campaign texts: precision {p:.4f} recall {r:.4f} "
        f"(found {result.n_in_campaigns:,} texts in {len(result.campaigns)} campaigns, "
        f"true {int((data.true_campaign >= 0).sum()):,}); "
        f"injected campaigns recovered as one group: {found}/{total}"
    )
    print(
        f"themes: {len(result.themes)} (chosen by the engine): "
        + "; ".join(f"{t.label} ({t.size:,})" for t in result.themes[:8])
        + " …"
    )
    ok = elapsed <= TIME_TARGET_S and rss <= RSS_TARGET_GB
    print(f"targets (≤ {TIME_TARGET_S} s, ≤ {RSS_TARGET_GB} GB): {'met' if ok else 'NOT met'}")
    return ok


def baseline(texts: list[str], k: int, seed: int) -> np.ndarray:
    matrix = TfidfVectorizer().fit_transform(texts)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(matrix)


def themes_vs_labels(seed: int) -> None:
    texts, labels = convention_proposals()
    k = len(set(labels))
    engine = analyse(texts, params=Params(n_themes=k, seed=seed)).theme
    classified = engine >= 0
    print(f"== themes vs human labels ==\nConvention citoyenne: {len(texts)} proposals, {k} themes")
    print(
        f"  engine ARI "
        f"{adjusted_rand_score(np.asarray(labels)[classified], engine[classified]):.3f} "
        f"({int(classified.sum())} classified) | TF-IDF + k-means ARI "
        f"{adjusted_rand_score(labels, baseline(texts, k, seed)):.3f}"
    )
    texts, labels, files = question_answers()
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(texts), size=min(len(texts), 8000), replace=False)
    texts = [texts[i] for i in pick]
    labels = np.asarray(labels)[pick]
    k = len(files)
    started = time.perf_counter()
    engine = analyse(texts, params=Params(n_themes=k, seed=seed)).theme
    t_engine = time.perf_counter() - started
    started = time.perf_counter()
    base = baseline(texts, k, seed)
    t_base = time.perf_counter() - started
    classified = engine >= 0
    print(f"Grand Débat, answers labelled by question: {len(texts)} answers, {k} questions")
    print(
        f"  engine ARI {adjusted_rand_score(labels[classified], engine[classified]):.3f} "
        f"({int(classified.sum())} classified, {t_engine:.1f} s) | TF-IDF + k-means ARI "
        f"{adjusted_rand_score(labels, base):.3f} ({t_base:.1f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-labels", action="store_true")
    parser.add_argument("--only-labels", action="store_true")
    options = parser.parse_args()
    print(f"load: {os.getloadavg()}; cores: {os.cpu_count()}")
    ok = options.only_labels or scale(options.size, options.seed)
    if not options.skip_labels:
        themes_vs_labels(options.seed)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

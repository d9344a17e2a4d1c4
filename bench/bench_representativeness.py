"""Raking benchmark (issue 27): 1,000,000 participants × 6 profile questions.

Run from the project root: `python bench/bench_representativeness.py [--participants N]`.

Generates a seeded volunteer sample that leans older, more educated and more urban
than the population (as the Grand Débat's online participants did), with 2–8 % of
each question skipped and occupation tied to age, then rakes it to the reference
margins. Printed: raking time (median of `--repeat` runs), peak Python heap during
one run (tracemalloc, which numpy reports its arrays to) and the process's maximum
resident set, iterations, largest margin error, Kish's effective sample size and
the weights' spread; then the same raking with trimming bounds on the adjustment
factor (`--trim-low`, `--trim-high`, default 0.3 and 3); then the disclosure
control of two tables sharing their région margin (région × occupation and
région × age, with all their totals) for the first `--suppression-participants`
(3,000) participants, where many cells fall under k = 10.

No raking package is in the lock file, so the peers are implemented here, in the
same run, on the same data and tolerance: the textbook unit-level loop (one
boolean mask and one masked sum per category, in numpy), and a pandas groupby
version when pandas is importable (it is in the lock through the `bench` group).
Both must reach the same weights as the engine; the ratio is peer time / ours.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from concerto.engines.representativeness import (  # noqa: E402
    MISSING,
    Publication,
    audit,
    rake,
    suppress,
)

# Illustrative reference margins, rounded (age band, sex, région of 13 metropolitan + 5
# overseas, type of commune, occupation group, education). Only their shape matters here.
QUESTIONS = {
    "age": [0.11, 0.15, 0.16, 0.17, 0.16, 0.25],
    "sex": [0.48, 0.52],
    "region": [0.185, 0.12, 0.095, 0.09, 0.085, 0.08, 0.07, 0.065, 0.055, 0.05, 0.045, 0.04]
    + [0.02, 0.015, 0.0125, 0.0125, 0.0085, 0.0065],
    "commune": [0.37, 0.30, 0.16, 0.17],
    "occupation": [0.01, 0.035, 0.10, 0.145, 0.16, 0.12, 0.32, 0.11],
    "education": [0.20, 0.25, 0.18, 0.17, 0.20],
}
RETIRED = 6  # index of "retired" in the occupation question


def generate(n: int, seed: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """(answers n × 6 int8, targets) for a sample skewed away from the targets."""
    rng = np.random.default_rng(seed)
    targets = [np.array(t) / np.sum(t) for t in QUESTIONS.values()]
    answers = np.empty((n, len(targets)), dtype=np.int8)
    for q, target in enumerate(targets):
        tilt = np.linspace(0.6, 1.6, target.size)  # later categories over-represented
        if q in (1, 2):  # sex and région: a milder random tilt
            tilt = rng.uniform(0.7, 1.3, target.size)
        p = target * tilt
        answers[:, q] = rng.choice(target.size, size=n, p=p / p.sum())
    # Retired participants are mostly in the two oldest bands.
    old = answers[:, 0] >= 4
    answers[old & (rng.random(n) < 0.5), 4] = RETIRED
    for q in range(len(targets)):
        answers[rng.random(n) < rng.uniform(0.02, 0.08), q] = MISSING
    return answers, targets


def naive_numpy(answers: np.ndarray, targets: list[np.ndarray], tolerance: float):
    """Textbook raking on every participant: a mask and a masked sum per category."""
    w = np.ones(len(answers))
    masks = [[answers[:, q] == c for c in range(t.size)] for q, t in enumerate(targets)]
    answered = [answers[:, q] >= 0 for q in range(len(targets))]
    for iteration in range(1, 1001):
        for q, target in enumerate(targets):
            respondents = w[answered[q]].sum()
            for c, mask in enumerate(masks[q]):
                w[mask] *= target[c] * respondents / w[mask].sum()
        error = max(
            abs(w[mask].sum() / w[answered[q]].sum() - targets[q][c])
            for q in range(len(targets))
            for c, mask in enumerate(masks[q])
        )
        if error <= tolerance:
            return w, iteration
    return w, iteration


def naive_pandas(answers: np.ndarray, targets: list[np.ndarray], tolerance: float):
    """The same with a pandas groupby per question."""
    import pandas as pd

    frame = pd.DataFrame(answers.astype(np.int64))
    w = pd.Series(np.ones(len(answers)))
    for iteration in range(1, 1001):
        for q, target in enumerate(targets):
            codes = frame[q]
            sums = w.groupby(codes).sum().drop(MISSING, errors="ignore")
            factor = pd.Series(target, index=range(target.size)) * sums.sum() / sums
            w = w * codes.map(factor).fillna(1.0)
        error = 0.0
        for q, target in enumerate(targets):
            sums = w.groupby(frame[q]).sum().drop(MISSING, errors="ignore")
            shares = (sums / sums.sum()).reindex(range(target.size), fill_value=0.0)
            error = max(error, float(np.abs(shares.to_numpy() - target).max()))
        if error <= tolerance:
            return w.to_numpy(), iteration
    return w.to_numpy(), iteration


def bench_suppression(answers: np.ndarray, participants: int) -> None:
    """Suppression of région × occupation and région × age for a process of that size."""
    sample = answers[:participants]
    keep = np.all(sample[:, [0, 2, 4]] >= 0, axis=1)
    age, region, occupation = (sample[keep, q].astype(np.int64) for q in (0, 2, 4))
    atoms = np.zeros((18, 8, 6), dtype=np.int64)
    np.add.at(atoms, (region, occupation, age), 1)
    publication = Publication(atoms)
    publication.add_table("region x occupation", (0, 1))
    publication.add_table("region x age", (0, 2))
    result, seconds = timed(suppress, publication)
    exposed = audit(publication, result.suppressed)
    print(
        f"suppression, {keep.sum():,} participants, région × occupation and région × age "
        f"with margins ({len(publication.cells)} cells, k = 10): {seconds:.2f} s  "
        f"primary {int(result.primary.sum())}  secondary {int(result.secondary.sum())}  "
        f"exposed after {len(exposed)}"
    )


def timed(function, *args):
    start = time.perf_counter()
    out = function(*args)
    return out, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--tolerance", type=float, default=1e-6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trim-low", type=float, default=0.3)
    parser.add_argument("--trim-high", type=float, default=3.0)
    parser.add_argument("--suppression-participants", type=int, default=3000)
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args(argv)
    print(f"cores available: {len(os.sched_getaffinity(0))}, numpy {np.__version__}")
    answers, targets = generate(args.participants, args.seed)
    sizes = "×".join(str(t.size) for t in targets)
    print(
        f"{args.participants:,} participants × {len(targets)} questions ({sizes} categories), "
        f"{(answers == MISSING).mean() * 100:.1f} % answers skipped, seed {args.seed}"
    )

    times = []
    for _ in range(args.repeat):
        result, seconds = timed(lambda: rake(answers, targets, tolerance=args.tolerance))
        times.append(seconds)
    ours = statistics.median(times)
    tracemalloc.start()
    rake(answers, targets, tolerance=args.tolerance)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux: GiB
    spread = result.spread
    print(
        f"concerto   {ours:6.2f} s (median of {args.repeat})  converged {result.converged}  "
        f"iterations {result.iterations}  max margin error {result.max_error:.1e}"
    )
    print(
        f"           weights sum {result.weights.sum():,.1f}  ESS {spread.ess:,.0f} "
        f"(design effect {spread.design_effect:.3f})  min {spread.min:.3f}  max {spread.max:.3f}"
        f"  ratio {spread.ratio:.1f}  CV {spread.cv:.3f}"
    )
    print(
        f"           memory: raking peak {peak / 2**20:.0f} MiB (tracemalloc), "
        f"process max RSS {rss:.2f} GiB; input {answers.nbytes / 2**20:.0f} MiB"
    )
    target_ok = ours <= 10 and peak <= 2 * 2**30
    print(f"           target ≤ 10 s and ≤ 2 GB: {'met' if target_ok else 'NOT met'}")
    bounds = (args.trim_low, args.trim_high)
    trimmed, seconds = timed(
        lambda: rake(answers, targets, tolerance=args.tolerance, bounds=bounds)
    )
    print(
        f"trimmed to g in [{bounds[0]}, {bounds[1]}]: {seconds:.2f} s  "
        f"converged {trimmed.converged}  iterations {trimmed.iterations}  "
        f"max margin error {trimmed.max_error:.1e}  ESS {trimmed.spread.ess:,.0f}  "
        f"ratio {trimmed.spread.ratio:.1f}  reasons {[r.code for r in trimmed.reasons][:3]}"
    )
    bench_suppression(answers, args.suppression_participants)
    if args.no_peers:
        return 0

    (weights, iterations), seconds = timed(naive_numpy, answers, targets, args.tolerance)
    gap = float(np.abs(weights - result.weights).max())
    print(
        f"numpy masks {seconds:6.2f} s  iterations {iterations}  "
        f"max |w − ours| {gap:.1e}  ratio ×{seconds / ours:.1f}"
    )
    try:
        import pandas  # noqa: F401
    except ImportError:
        print("pandas     not installed (uv run --group bench)")
        return 0
    (weights, iterations), seconds = timed(naive_pandas, answers, targets, args.tolerance)
    gap = float(np.abs(weights - result.weights).max())
    print(
        f"pandas     {seconds:6.2f} s  iterations {iterations}  "
        f"max |w − ours| {gap:.1e}  ratio ×{seconds / ours:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

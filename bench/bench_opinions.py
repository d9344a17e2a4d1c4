"""Opinion-map benchmark: this engine against `red-dwarf` on Polis's own groups, and scale.

Run from the project root: `python bench/bench_opinions.py [--skip-large] [--votes-large N]`.

For each conversation of ../shared/data/polis/ both engines get the same last-vote
triplets and moderated-out statements, in the same process. Printed: the adjusted
Rand index against Polis's `group-id` over the participants both Polis and the
engine clustered, the number of groups, the time (ours: median of 3 runs,
building the vote matrix included; peer: one `run_pipeline` call) and the ratio.
Then two synthetic conversations: Polis's largest real shape (33,000 × 800,
2 M votes: full computation and a warm-started update with 1 % new votes) and
Polis's limits (100,000 × 10,000, sparse: time and peak memory).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from concerto.engines.opinions import (  # noqa: E402
    MapParams,
    VoteMatrix,
    adjusted_rand_index,
    compute_map,
    load_polis_export,
)

POLIS_DIR = ROOT.parent / "shared" / "data" / "polis"


# The peer, PyPI `red-dwarf` (0.4.x), is imported lazily so that the benchmark runs
# (and says "peer not installed") without it.
def available() -> bool:
    try:
        import reddwarf  # noqa: F401
    except ImportError:
        return False
    return True


def peer_votes(participants: np.ndarray, statements: np.ndarray, values: np.ndarray) -> list[dict]:
    """The peer's input: one dict per (last) vote."""
    return [
        {"participant_id": int(p), "statement_id": int(s), "vote": int(v), "modified": 0}
        for p, s, v in zip(participants, statements, values, strict=True)
    ]


def run_red_dwarf(
    votes: list[dict], moderated_out: list[int]
) -> tuple[np.ndarray, np.ndarray, float]:
    """(participant ids clustered, their labels, seconds) from `run_pipeline`.

    All the peer's defaults (PCA, k-means with k in 2..5 by silhouette, 7 votes
    minimum, no fixed seed: fixing one made it slower here, same groups).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warnings at import time
        from reddwarf.implementations.polis import run_pipeline

        start = time.perf_counter()
        result = run_pipeline(votes=votes, mod_out_statement_ids=moderated_out)
        seconds = time.perf_counter() - start
    df = result.participants_df
    clustered = df[df["to_cluster"]]
    return (
        clustered.index.to_numpy(dtype=np.int64),
        clustered["cluster_id"].to_numpy(dtype=np.int64),
        seconds,
    )


def synthetic_conversation(
    n: int, m: int, n_votes: int, k: int = 3, seed: int = 0
) -> tuple[VoteMatrix, np.ndarray]:
    """About `n_votes` votes of n participants on m statements, from k planted groups.

    Each group has its own agree / disagree / pass probabilities per statement;
    participants see statements uniformly at random (duplicates dropped, so the
    count is a little under `n_votes`). Returns the matrix and the planted groups.
    """
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, k, n)
    p_agree = rng.beta(0.7, 0.7, (k, m))
    p_pass = 0.15 * rng.random((k, m))
    keys = np.unique(rng.integers(0, n * m, int(n_votes * 1.02), dtype=np.int64))[:n_votes]
    rows, cols = keys // m, keys % m
    u = rng.random(len(keys))
    g = truth[rows]
    pa, pp = p_agree[g, cols] * (1 - p_pass[g, cols]), p_pass[g, cols]
    values = np.where(u < pa, 1, np.where(u < pa + pp, 0, -1)).astype(np.int8)
    # Keys are sorted and unique, so the CSR arrays can be written directly.
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    votes = sp.csr_array((values, cols.astype(np.int32), indptr), shape=(n, m))
    matrix = VoteMatrix(votes, np.arange(n), np.arange(m), np.zeros(m, dtype=bool))
    return matrix, truth


def _ari_vs_polis(polis: dict[int, int], ids: np.ndarray, labels: np.ndarray) -> float:
    ref = np.array([polis.get(int(p), -1) for p in ids])
    both = (ref >= 0) & (labels >= 0)
    return adjusted_rand_index(ref[both], labels[both])


def bench_conversation(directory: Path, peer: bool) -> None:
    export = load_polis_export(directory)
    m = export.matrix
    coo = m.votes.tocoo()
    pids, tids, vals = m.participant_ids[coo.row], m.statement_ids[coo.col], coo.data
    mod = m.statement_ids[m.moderated_out]
    times, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        matrix = VoteMatrix.from_triplets(pids, tids, vals, mod, statement_ids=m.statement_ids)
        result = compute_map(matrix, MapParams(seed=0))
        times.append(time.perf_counter() - start)
    assert result is not None
    ours = statistics.median(times)
    ari = _ari_vs_polis(export.polis_groups, result.participant_ids, result.labels)
    n_polis = len(set(export.polis_groups.values()))
    print(
        f"\n{export.name}: {m.shape[0]} participants × {m.shape[1]} statements, "
        f"{m.votes.nnz} votes, Polis groups: {n_polis}"
    )
    print(f"  concerto   ARI {ari:.3f}  groups {result.k}  time {ours * 1000:8.1f} ms")
    if not peer:
        print("  red-dwarf  peer not installed")
        return
    ids, labels, seconds = run_red_dwarf(peer_votes(pids, tids, vals), [int(t) for t in mod])
    p_ari = _ari_vs_polis(export.polis_groups, ids, labels)
    print(
        f"  red-dwarf  ARI {p_ari:.3f}  groups {len(set(labels.tolist()))}  "
        f"time {seconds * 1000:8.1f} ms"
    )
    print(f"  ratio      ARI {ari - p_ari:+.3f}  speed-up ×{seconds / ours:.1f}")


def bench_polis_shape() -> None:
    matrix, truth = synthetic_conversation(33_000, 800, 2_000_000, k=3, seed=1)
    print(f"\nsynthetic 33,000 × 800, {matrix.votes.nnz} votes (3 planted groups)")
    times, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = compute_map(matrix)
        times.append(time.perf_counter() - start)
    assert result is not None
    ari = adjusted_rand_index(truth[result.clustered], result.labels[result.clustered])
    print(
        f"  full computation  {statistics.median(times):.2f} s (median of 3; "
        f"runs {', '.join(f'{t:.2f}' for t in times)})  groups {result.k}  ARI {ari:.3f}"
    )
    rng = np.random.default_rng(2)
    n_new = 20_000
    start = time.perf_counter()
    updated = matrix.with_votes(
        rng.integers(0, 33_500, n_new), rng.integers(0, 800, n_new), rng.integers(-1, 2, n_new)
    )
    merged = time.perf_counter() - start
    start = time.perf_counter()
    again = compute_map(updated, previous=result)
    warm = time.perf_counter() - start
    print(
        f"  warm update (+{n_new} votes)  merge {merged:.2f} s + compute {warm:.2f} s  "
        f"groups {again.k}"
    )


def bench_polis_limits(n_votes: int) -> None:
    matrix, truth = synthetic_conversation(100_000, 10_000, n_votes, k=4, seed=3)
    input_mb = (
        matrix.votes.data.nbytes + matrix.votes.indices.nbytes + matrix.votes.indptr.nbytes
    ) / 2**20
    print(
        f"\nsynthetic 100,000 × 10,000, {matrix.votes.nnz} votes (4 planted groups), "
        f"input {input_mb:.0f} MiB"
    )
    start = time.perf_counter()
    result = compute_map(matrix)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    compute_map(matrix)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux
    ari = adjusted_rand_index(truth[result.clustered], result.labels[result.clustered])
    print(f"  full computation  {seconds:.2f} s  groups {result.k}  ARI {ari:.3f}")
    print(
        f"  memory: computation peak {peak / 2**30:.2f} GiB (tracemalloc), "
        f"process max RSS {rss:.2f} GiB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-large", action="store_true", help="only the real conversations")
    parser.add_argument("--votes-large", type=int, default=10_000_000)
    args = parser.parse_args(argv)
    print(f"cores available: {len(os.sched_getaffinity(0))}, numpy {np.__version__}")
    peer = available()
    for directory in sorted(p for p in POLIS_DIR.iterdir() if p.is_dir()):
        bench_conversation(directory, peer)
    if not args.skip_large:
        bench_polis_shape()
        bench_polis_limits(args.votes_large)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sparsity-aware PCA projection of a sparse vote matrix (Polis's `pca.clj`).

Polis fills each missing vote with its column mean, centres the columns, takes the
top principal components, and projects each participant using only the statements
they voted on, scaled by sqrt(n_statements / n_votes) so that people who voted
little are not squashed towards the centre.

Column-mean fill followed by centring leaves exactly 0 where a vote is missing, so
the centred matrix has the same sparsity as the votes: it is built by shifting the
stored values, never densified. Its top right singular vectors are found by Lanczos
(ARPACK's `eigsh` on the implicit m × m Gram operator), warm-started from the previous
components when there are any.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, eigsh


@dataclass(frozen=True)
class Projection:
    """PCA of the active statements.

    `components` is (n_components, m_active), unit rows, sign-normalised;
    `center` the column means; `participant_xy` (n, n_components);
    `statement_xy` (m_active, n_components) places a virtual participant who only
    agreed with that statement, as Polis does for its statement map.
    """

    components: np.ndarray
    center: np.ndarray
    participant_xy: np.ndarray
    statement_xy: np.ndarray


def column_means(votes: sp.csr_array) -> np.ndarray:
    """Mean vote of each column over the participants who saw it (0 when nobody did)."""
    m = votes.shape[1]
    counts = np.bincount(votes.indices, minlength=m)
    sums = np.bincount(votes.indices, weights=votes.data, minlength=m)
    return np.divide(sums, counts, out=np.zeros(m), where=counts > 0)


def centred(votes: sp.csr_array, center: np.ndarray) -> sp.csr_array:
    """The mean-filled, column-centred matrix, stored sparsely (missing cells are 0)."""
    data = votes.data.astype(np.float64) - center[votes.indices]
    return sp.csr_array((data, votes.indices, votes.indptr), shape=votes.shape)


def _top_components(
    xc: sp.csr_array, n_components: int, start: np.ndarray | None, seed: int, tol: float
) -> np.ndarray:
    n, m = xc.shape
    rank_room = min(n, m) - 1
    if rank_room < n_components or xc.nnz == 0:
        # Too small for Lanczos: a dense SVD of a tiny matrix is exact and cheap.
        _, _, vt = np.linalg.svd(xc.toarray(), full_matrices=False)
        comps = np.zeros((n_components, m))
        comps[: min(n_components, vt.shape[0])] = vt[:n_components]
        return comps
    xt = xc.T.tocsr()
    # Eigenvectors of X^T X (m x m, never formed) are X's right singular vectors.
    gram = LinearOperator((m, m), matvec=lambda v: xt @ (xc @ v), dtype=np.float64)
    if start is not None and np.any(start):
        v0 = start.sum(axis=0) + 1e-3 * start[0]
    else:
        v0 = np.random.default_rng(seed).standard_normal(m)
    # A Krylov space of ~20 vectors converges in a few restarts on vote data.
    ncv = min(m, max(2 * n_components + 8, 20))
    _, vecs = _eigsh(gram, n_components, v0, ncv, tol)
    return vecs.T


def _eigsh(op: LinearOperator, k: int, v0: np.ndarray, ncv: int, tol: float):
    vals, vecs = eigsh(op, k=k, v0=v0, ncv=ncv, tol=tol, which="LA")
    order = np.argsort(-vals)
    return vals[order], vecs[:, order]


def _fix_signs(comps: np.ndarray, reference: np.ndarray | None) -> np.ndarray:
    """Make signs deterministic: agree with `reference`, else largest loading positive."""
    comps = comps.copy()
    for i, c in enumerate(comps):
        if reference is not None and i < len(reference) and np.any(reference[i]):
            flip = float(c @ reference[i]) < 0
        else:
            flip = c[np.argmax(np.abs(c))] < 0
        if flip:
            comps[i] = -c
    return comps


def project(
    votes: sp.csr_array,
    n_total_statements: int,
    n_votes: np.ndarray,
    n_components: int = 2,
    start: np.ndarray | None = None,
    seed: int = 0,
    tol: float = 1e-9,
) -> Projection:
    """PCA of `votes` (n × m_active, moderated columns already removed).

    `n_total_statements` and `n_votes` (per participant) drive Polis's sparsity
    scaling; they count moderated-out statements too, as Polis does. `start` is an
    optional (n_components, m_active) warm start that also fixes the signs.
    """
    center = column_means(votes)
    xc = centred(votes, center)
    comps = _top_components(xc, n_components, start, seed, tol)
    comps = _fix_signs(comps, start)
    scale = np.sqrt(n_total_statements / np.maximum(n_votes, 1))
    participant_xy = (xc @ comps.T) * scale[:, None]
    # A virtual participant agreeing with statement j only: (1 - mean_j) on j, 0 elsewhere.
    statement_xy = ((1.0 - center)[:, None] * comps.T) * np.sqrt(n_total_statements)
    return Projection(comps, center, participant_xy, statement_xy)

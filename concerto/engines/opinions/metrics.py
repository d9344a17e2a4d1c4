"""Agreement between two partitions (numpy only, so the engine needs no scikit-learn)."""

from __future__ import annotations

import numpy as np


def _pairs(x: np.ndarray) -> float:
    return float((x * (x - 1) / 2).sum())


def adjusted_rand_index(a: np.ndarray, b: np.ndarray) -> float:
    """Hubert–Arabie adjusted Rand index of two labelings of the same items.

    1.0 for identical partitions (up to renaming), about 0 for independent ones;
    1.0 when both put every item in a single cluster (scikit-learn's convention).
    """
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        raise ValueError("labelings must have the same length")
    if len(a) < 2:
        return 1.0
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)
    index = _pairs(table)
    row, col = _pairs(table.sum(1)), _pairs(table.sum(0))
    expected = row * col / _pairs(np.array([len(a)]))
    maximum = (row + col) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)

"""The opinions engine is pure Python: its tests run without Django.

The project-wide autouse `_french` fixture needs pytest-django's `settings`;
it is overridden here by a no-op so that this folder also runs with
`-p no:django`.
"""

from pathlib import Path

import numpy as np
import pytest

from concerto.engines.opinions import VoteMatrix

POLIS_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "polis"


@pytest.fixture(autouse=True)
def _french():
    yield


def two_camps(n_per_group: int = 20, m: int = 10, seed: int = 0, noise: float = 0.05):
    """Dense votes of two camps who vote opposite on every statement (NaN = unseen).

    Camp A (first rows) agrees with even statements and disagrees with odd ones;
    camp B does the reverse; each vote flips with probability `noise`.
    """
    rng = np.random.default_rng(seed)
    pattern = np.where(np.arange(m) % 2 == 0, 1.0, -1.0)
    dense = np.vstack([np.tile(pattern, (n_per_group, 1)), np.tile(-pattern, (n_per_group, 1))])
    flips = rng.random(dense.shape) < noise
    dense[flips] *= -1
    return dense


def matrix_of(dense: np.ndarray, moderated_out=None) -> VoteMatrix:
    return VoteMatrix.from_dense(dense, moderated_out)

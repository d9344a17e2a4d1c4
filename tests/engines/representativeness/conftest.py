"""The representativeness engine is pure Python: its tests run without Django.

The project-wide autouse `_french` fixture needs pytest-django's `settings`;
it is overridden here by a no-op so that this folder also runs with
`-p no:django`.
"""

import pytest


@pytest.fixture(autouse=True)
def _french():
    yield

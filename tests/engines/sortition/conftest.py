"""The sortition engine is pure Python: its tests run without Django.

The project-wide autouse fixtures of `tests/conftest.py` need Django
(pytest-django's `settings`, Django's cache); they are overridden here by
no-ops of the same name so that this folder also runs with `-p no:django`.
"""

import pytest


@pytest.fixture(autouse=True)
def _french():
    yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    yield

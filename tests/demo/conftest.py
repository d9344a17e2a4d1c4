"""The demo world, loaded once per test module (tests/worlds.py).

`demo`: load_demo() (about ten seconds) runs once per module; each test finds the demo as
loaded, a reload of the demo included being rolled back after the test that made it.
Transactional tests cannot share it: they live in another module (test_loading_commits.py).
"""

import pytest

from concerto.demo.loading import load_demo
from tests.worlds import built_once_per_module


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with built_once_per_module(django_db_blocker):
        with django_db_blocker.unblock():
            load_demo()
        yield

"""The demo world, loaded once per test module.

`demo`: load_demo() (about ten seconds) runs once, inside a transaction opened for the
module and rolled back at its end. Each test runs in its own savepoint within it (the usual
`django_db` test), so what a test changes, a reload of the demo included, is rolled back
before the next test, which finds the demo as loaded. Transactional tests cannot share it:
they live in another module (test_loading_commits.py).
"""

import pytest
from django.db import transaction

from concerto.demo.loading import load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        load_demo()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)

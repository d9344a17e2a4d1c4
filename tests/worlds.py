"""Worlds built once per test module.

An expensive world (the demo, the matrix's roles, a 4,690-record import) is built once,
inside a transaction opened for the module and rolled back at its end. Each test runs in
its own savepoint within it (the usual `django_db` test), so what a test changes is rolled
back before the next one, which finds the world as built. Transactional tests cannot share
such a world: they commit, so they live in modules of their own.
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def built_once_per_module(django_db_blocker):
    """The module's transaction: enter it in a module-scoped fixture, build, then yield."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)

"""Real concurrent requests, in threads, each with its own database connection.

On both databases: PostgreSQL's row locks; on SQLite, the test database is a file
(concerto/settings.py) whose transactions take the write lock at BEGIN IMMEDIATE, so a
concurrent writer waits its turn, as under `make run`. The same races are replayed
deterministically in test_actions.py.
"""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection

from concerto.participation.models import Contribution
from concerto.proposals import actions
from concerto.proposals.models import Support
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db(transaction=True)


def race(count: int, work) -> list:
    """Run `work()` in `count` threads released together; return results or exceptions."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_double_submit_in_parallel_with_one_key_stores_one_proposal():
    module, _organiser = open_module("proposals")
    author, key = UserFactory(), uuid.uuid4()

    def submit():
        return actions.submit_proposal(
            module, author=author, title="Titre", body="Texte", idempotency_key=key
        )

    results = race(4, submit)
    assert all(isinstance(result, tuple) for result in results), results
    assert sorted(created for _proposal, created in results) == [False, False, False, True]
    assert {proposal.pk for proposal, _created in results} == {
        Contribution.objects.get(idempotency_key=key).pk
    }
    assert Contribution.objects.filter(module=module).count() == 1


def test_a_double_click_on_support_in_parallel_keeps_one_support():
    module, _organiser = open_module("proposals")
    proposal, _ = actions.submit_proposal(
        module, author=UserFactory(), title="T", body="B", idempotency_key=None
    )
    user = UserFactory()
    results = race(4, lambda: actions.support_proposal(proposal, user=user))
    assert all(isinstance(result, tuple) for result in results), results
    assert sorted(created for _support, created in results) == [False, False, False, True]
    assert Support.objects.filter(proposal=proposal, user=user).count() == 1

"""A transaction's renewals are written once, when it commits, and read by the transaction
itself before that; outside a transaction a renewal is written at once."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import transaction

from concerto import generations

pytestmark = pytest.mark.django_db(transaction=True)  # real commits


@pytest.fixture
def writes(monkeypatch) -> list[list[str]]:
    """The scopes of each write of tokens to the cache, in order."""
    # What the tests before left to renew (their transactions never commit) goes first.
    with transaction.atomic():
        generations.renew("départ")
    generations.current("départ")
    written: list[list[str]] = []
    real = cache.set_many

    def set_many(values, timeout=None):
        written.append(sorted(key.removeprefix("generation:") for key in values))
        return real(values, timeout)

    monkeypatch.setattr(cache, "set_many", set_many)
    return written


def token(scope: str) -> str:
    return generations.current(scope)


def test_a_transactions_renewals_are_written_once_when_it_commits(writes):
    before = {scope: token(scope) for scope in "abc"}
    with transaction.atomic():
        generations.renew("a", "b")
        generations.renew("c")
        generations.renew("a")
        assert writes == []
    assert writes == [["a", "b", "c"]]
    assert all(token(scope) != before[scope] for scope in "abc")
    assert writes == [["a", "b", "c"]]  # read after the commit: nothing more to write


def test_the_transaction_reads_its_own_renewal(writes):
    assert generations.remembered("a", "value", lambda: "avant", 60) == "avant"
    with transaction.atomic():
        generations.renew("a")
        assert generations.remembered("a", "value", lambda: "pendant", 60) == "pendant"
        assert writes == [["a"]]
    assert writes == [["a"], ["a"]]  # and again at the commit, for the other servers
    assert generations.remembered("a", "value", lambda: "après", 60) == "après"


def test_a_renewal_outside_a_transaction_is_written_at_once(writes):
    generations.renew("a", "b")
    assert writes == [["a", "b"]]


def test_a_rolled_back_transaction_leaves_the_next_ones_renewals_whole(writes):
    kept = token("b")
    with pytest.raises(RuntimeError), transaction.atomic():
        generations.renew("a")
        raise RuntimeError
    assert writes == []
    with transaction.atomic():
        generations.renew("b")
    assert writes[-1][-1] == "b"
    assert token("b") != kept


def test_a_value_read_ahead_is_found_without_a_round_trip_until_renewed(monkeypatch):
    computed = []

    def spec(scope: str, value: str) -> tuple:
        return scope, "valeur", lambda: computed.append(scope) or value, 60

    generations.read_ahead([spec("a", "A"), spec("b", "B")])
    assert computed == ["a", "b"]
    reads = []
    real = cache.get_many

    def get_many(keys, version=None):
        reads.append(keys)
        return real(keys, version)

    monkeypatch.setattr(cache, "get_many", get_many)
    assert generations.remembered_many([spec("a", "autre"), spec("b", "autre")]) == ["A", "B"]
    assert reads == []
    with transaction.atomic():
        generations.renew("a")
        assert generations.remembered(*spec("a", "A renouvelée")) == "A renouvelée"
        assert generations.remembered(*spec("b", "autre")) == "B"  # still read ahead
    assert len(reads) == 1


def test_what_a_request_read_ahead_is_forgotten_when_the_next_starts(client):
    generations.read_ahead([("c", "valeur", lambda: "lue", 60)])
    cache.set("generation:c", "renouvelé par un autre serveur", timeout=None)
    # The request goes on with what it read ahead, as if it had read it then.
    assert generations.remembered("c", "valeur", lambda: "recalculée", 60) == "lue"
    client.get("/.well-known/security.txt")  # another request, on this thread
    assert generations.remembered("c", "valeur", lambda: "recalculée", 60) == "recalculée"


def test_what_a_transaction_reads_of_its_own_change_is_not_kept_past_a_rollback():
    """Read inside the transaction, after its change, a value is computed from data not
    committed: kept, a rollback would leave it under the token the change made."""
    assert generations.remembered("a", "valeur", lambda: "engagée", 60) == "engagée"
    with pytest.raises(RuntimeError), transaction.atomic():
        generations.renew("a")
        assert generations.remembered("a", "valeur", lambda: "non engagée", 60) == "non engagée"
        raise RuntimeError
    assert generations.remembered("a", "valeur", lambda: "relue", 60) == "relue"
    request_finished.send(sender=None)  # the request over, its values are kept again
    assert generations.remembered("a", "valeur", lambda: "gardée", 60) == "gardée"
    assert generations.remembered("a", "valeur", lambda: "pas relue", 60) == "gardée"
    with transaction.atomic():
        generations.renew("a")
        generations.remembered("a", "valeur", lambda: "changée", 60)
    assert generations.remembered("a", "valeur", lambda: "après l'engagement", 60) == (
        "après l'engagement"
    )

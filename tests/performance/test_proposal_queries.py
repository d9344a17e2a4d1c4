"""The exact queries of a signed-in citizen's proposals list and of a submission (issue
28, "fast pages"): the list is kept whole for all its readers who may do the same there,
so that reading it costs the session, the reader and their supports among the page's
cards, and nothing per card; a submission reads nothing but its session and writes the
proposal and its follows. The reader with their memberships, the module with its
process, the reader's bans, the
process's themes and profile questions, the author's follow preference, rate limits and
kept parts live in the cache, which counts no query here (tests use the local-memory
cache)."""

import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerto.participation.models import Contribution
from concerto.proposals import actions
from tests.factories import UserFactory, open_module
from tests.proposals.conftest import make_proposal, transports

pytestmark = pytest.mark.django_db

# A session read (the user is kept in the cache: accounts.backends).
READ = ["django_session"]


def tables(queries) -> list[str]:
    """The table each query reads or writes first, in order."""
    found = []
    for query in queries:
        sql = query["sql"]
        for word in ("FROM", "INTO", "UPDATE"):
            if f'{word} "' in sql:
                found.append(sql.split(f'{word} "', 1)[1].split('"', 1)[0])
                break
        else:
            found.append(sql.split(" ", 1)[0])
    return found


@pytest.fixture
def module():
    return open_module("proposals", title="Vos propositions")[0]


@pytest.fixture
def listed(client, module):
    """Thirty proposals (two pages), each supported by two people; the reader supports
    one on the first page."""
    reader = UserFactory()
    proposals = [make_proposal(module, title=f"Proposition {n}") for n in range(30)]
    for proposal in proposals:
        for _ in range(2):
            actions.support_proposal(proposal, user=UserFactory())
    actions.support_proposal(proposals[-1], user=reader)
    client.force_login(reader)
    return module.get_absolute_url()


def read(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="fr-card fr-enlarge-link"') == 20
    return tables(queries)


def test_the_kept_list_reads_the_readers_supports_alone(client, listed):
    read(client, listed)
    assert read(client, listed) == [*READ, "proposals_support"]


def test_the_list_made_afresh_counts_orders_and_reads_one_page(client, module, listed):
    read(client, listed)
    make_proposal(module, title="Une de plus")  # renews the module's kept parts
    assert read(client, listed) == [
        *READ,
        "participation_contribution",  # how many
        "participation_contribution",  # the page's ids in order, with their supports
        "participation_contribution",  # the page's rows, authors and themes
        "processes_theme",  # the filters' choices
        "processes_theme",  # the form's choices
        "proposals_support",  # the reader's supports among them
    ]


def test_a_submission_reads_none_of_its_keys_again(client, module, listed):
    read(client, listed)  # the reader's roles, kept in the cache from then on
    data = {"title": "Un titre", "body": "Un texte.", "theme": transports().pk}
    # The first submission reads the profile questions and whether its author follows what
    # they contribute to, both kept in the cache from then on.
    first = client.post(listed, {**data, "title": "Une autre", "idempotency_key": uuid.uuid4()})
    assert first.status_code == 302
    with CaptureQueriesContext(connection) as queries:
        response = client.post(listed, {**data, "idempotency_key": str(uuid.uuid4())})
    assert response.status_code == 302
    assert tables(queries) == [
        *READ,
        "SAVEPOINT",
        "participation_contribution",  # stored
        "follows_follow",  # the process and the proposal, followed in one statement
        "RELEASE",
    ]
    assert Contribution.objects.filter(title="Un titre").count() == 1


def test_a_submission_reads_the_cache_in_three_round_trips(client, module, listed, monkeypatch):
    """The reader with their memberships; the module with the reader's bans; then, read
    ahead at once, what the contribution reads in the domains built on participation:
    the process's themes, the author's follow preference, the profile questions. Each
    read ahead was a round trip of its own."""
    read(client, listed)
    data = {"title": "Un titre", "body": "Un texte.", "theme": transports().pk}
    assert client.post(listed, {**data, "idempotency_key": uuid.uuid4()}).status_code == 302
    reads: list[list[str]] = []
    real = cache.get_many

    def get_many(keys, version=None):
        reads.append(sorted(key.split(":")[1] for key in keys if key.startswith("kept:")))
        return real(keys, version)

    monkeypatch.setattr(cache, "get_many", get_many)
    response = client.post(listed, {**data, "title": "Deux", "idempotency_key": uuid.uuid4()})
    assert response.status_code == 302
    assert reads == [
        ["user", "user"],  # the row and the memberships
        ["bans", "module-row"],
        ["follow-preferences", "profile-questions", "themes"],
    ]
    assert Contribution.objects.filter(title="Deux").count() == 1

import pytest
from django.core.cache import cache

from concerto.participation.models import ContributionKind
from concerto.processes.models import Theme
from concerto.proposals import actions
from tests.factories import UserFactory, open_module


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def module_and_organiser():
    return open_module("proposals", title="Vos propositions pour le vélo")


@pytest.fixture
def module(module_and_organiser):
    return module_and_organiser[0]


@pytest.fixture
def organiser(module_and_organiser):
    return module_and_organiser[1]


def transports() -> Theme:
    """A seeded theme; recreated if a transactional test flushed the migration's data."""
    theme, _created = Theme.objects.get_or_create(
        slug="transports", defaults={"name": "Transports et mobilités"}
    )
    return theme


def make_proposal(module, *, author=None, title="Des pistes cyclables continues", **fields):
    author = author or UserFactory()
    fields.setdefault("body", "Relier les communes de la vallée par une piste sécurisée.")
    fields.setdefault("theme", transports())
    proposal, created = actions.submit_proposal(
        module, author=author, title=title, idempotency_key=None, **fields
    )
    assert created and proposal.kind == ContributionKind.PROPOSAL
    return proposal


def make_argument(proposal, *, author=None, stance="for", body="Un bon argument."):
    argument, _created = actions.argue_proposal(
        proposal, author=author or UserFactory(), stance=stance, body=body, idempotency_key=None
    )
    return argument

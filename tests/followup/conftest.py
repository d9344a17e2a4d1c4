from dataclasses import dataclass

import pytest

from concerto.accounts.roles import Role
from concerto.followup import closing
from concerto.followup.models import AnswerStatus
from concerto.participation.models import Contribution, ContributionKind
from concerto.processes.lifecycle import Status
from concerto.processes.models import Theme
from tests.factories import complete_process, open_module, user_with_role, walk_to


@dataclass
class ClosedProcess:
    process: object
    module: object
    referent: object
    sponsor: object
    citizens: list
    proposals: list
    theme: object


def ensure_statuses() -> None:
    """The seeded statuses; transactional (browser) tests flush migration data."""
    import importlib

    from django.apps import apps

    importlib.import_module("concerto.followup.migrations.0002_seed_statuses").seed(apps, None)


def closed_process(
    n_citizens: int = 3, title: str = "Concertation sur le plan vélo", ministry=None
):
    """A process whose participation is closed, with one proposal per citizen."""
    ensure_statuses()
    process = complete_process(title=title, ministry=ministry)
    referent, _advisor = walk_to(process, Status.OPEN)
    module, _organiser = open_module("proposals", process=process)
    theme, _ = Theme.objects.get_or_create(slug="mobilites", defaults={"name": "Mobilités"})
    citizens = [user_with_role(Role.CITIZEN) for _ in range(n_citizens)]
    proposals = [
        Contribution.objects.create(
            module=module,
            kind=ContributionKind.PROPOSAL,
            author=citizen,
            title=f"Proposition {index}",
            body="Des pistes cyclables partout.",
            theme=theme,
        )
        for index, citizen in enumerate(citizens, 1)
    ]
    closing.close_participation(process, actor=referent)
    process.refresh_from_db()
    return ClosedProcess(process, module, referent, process.sponsor, citizens, proposals, theme)


def status(code: str) -> AnswerStatus:
    return AnswerStatus.objects.get(code=code)


@pytest.fixture
def closed(db):
    return closed_process()

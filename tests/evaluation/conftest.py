from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.participation.models import Channel, Contribution, ContributionKind
from concerto.participation.models.profile import ParticipantProfile
from tests.factories import user_with_role
from tests.followup.conftest import closed_process

# (age band, gender, département) of each online participant's consented profile.
PROFILES = [
    ("25_34", "woman", "29"),
    ("35_49", "woman", "75"),
    ("65_plus", "man", "29"),
    ("35_49", "woman", ""),
]


@dataclass
class Evaluated:
    process: object
    module: object
    referent: object
    sponsor: object
    citizens: list
    advisor: object


def evaluable_process(title: str = "Concertation sur le plan vélo") -> Evaluated:
    """A closed process: 4 online participants with profiles (plus one without), and two
    paper contributions."""
    closed = closed_process(n_citizens=4, title=title)
    for citizen, (age, gender, dep) in zip(closed.citizens, PROFILES, strict=True):
        ParticipantProfile.objects.create(
            user=citizen, answers={"age_band": age, "gender": gender, "departement": dep},
            consented_at=timezone.now() - timedelta(days=3),
        )  # fmt: skip
    shy = user_with_role(Role.CITIZEN)
    Contribution.objects.create(
        module=closed.module, kind=ContributionKind.PROPOSAL, author=shy, title="Sans profil",
        body="Des arceaux devant les gares.",
    )  # fmt: skip
    for index in range(2):
        Contribution.objects.create(
            module=closed.module, kind=ContributionKind.CONTRIBUTION, channel=Channel.PAPER,
            entered_by=closed.process.project_lead, title=f"Cahier {index}",
            body="Écrit dans le cahier citoyen de la mairie.",
        )  # fmt: skip
    advisor = user_with_role(Role.CIPC_ADVISOR)
    return Evaluated(closed.process, closed.module, closed.referent, closed.sponsor,
                     [*closed.citizens, shy], advisor)  # fmt: skip


@pytest.fixture
def evaluated(db):
    return evaluable_process()

from dataclasses import dataclass

import pytest

from concerto.accounts.roles import Role
from concerto.followup import actions as followup
from concerto.followup.models import AnswerLevel
from concerto.processes.models import Theme
from concerto.proposals import actions as proposals
from tests.factories import user_with_role
from tests.followup.conftest import closed_process, status


@dataclass
class World:
    closed: object  # tests.followup.conftest.ClosedProcess
    theme: object  # a catalogue theme of the process
    follower: object  # a citizen who contributed nothing

    @property
    def process(self):
        return self.closed.process


def make_world() -> World:
    closed = closed_process(n_citizens=3)
    theme, _ = Theme.objects.get_or_create(slug="transports", defaults={"name": "Transports"})
    closed.process.themes.add(theme)
    follower = user_with_role(Role.CITIZEN, email="suiveuse@exemple.fr")
    return World(closed, theme, follower)


@pytest.fixture
def world(db) -> World:
    return make_world()


def publish_answer(closed, proposal, text="Retenue : des pistes partout."):
    answer = followup.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": text},
        contributions=[proposal],
    )  # fmt: skip
    followup.publish_answers(closed.process, actor=closed.sponsor)
    answer.refresh_from_db()
    return answer


def merge(closed, source, target):
    return proposals.merge_proposals(source, target, actor=closed.process.project_lead)

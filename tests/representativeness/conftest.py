import pytest

from concerto.accounts.roles import Role
from concerto.representativeness import actions
from tests.factories import open_module, user_with_role

FOUR = ["age_band", "gender", "region", "commune_type"]


@pytest.fixture
def proposals(db):
    """An open proposals module; returns (module, organiser)."""
    return open_module("proposals")


@pytest.fixture
def configured(proposals):
    module, organiser = proposals
    actions.configure_profile(module.process, actor=organiser, questions=FOUR, alert_percent=80)
    return module, organiser


def citizens(n: int) -> list:
    return [user_with_role(Role.CITIZEN) for _ in range(n)]

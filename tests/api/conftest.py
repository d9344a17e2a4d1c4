from dataclasses import dataclass

import pytest
from django.conf import settings

from concerto.accounts.roles import Role
from concerto.api.actions import create_token
from concerto.api.models import Scope
from concerto.participation.models import Contribution, ContributionKind
from tests.factories import open_module, user_with_role


def with_rates(anonymous: str, token: str) -> dict:
    """The project's API settings with other throttle rates (for override_settings)."""
    return {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": anonymous, "token": token},
    }


@dataclass
class ApiState:
    module: object
    process: object
    organiser: object
    referent: object
    citizen: object
    contributions: list
    hidden: object
    token: object
    secret: str


def api_state() -> ApiState:
    """An open proposals module with two published contributions and a hidden one, and a
    token of the process's ministry holding both scopes."""
    module, organiser = open_module("proposals")
    process = module.process
    referent = user_with_role(Role.REFERENT, organisation=process.ministry)
    citizen = user_with_role(Role.CITIZEN)
    contributions = [
        Contribution.objects.create(
            module=module,
            kind=ContributionKind.PROPOSAL,
            author=citizen,
            title=f"Idée {n}",
            body=f"Texte {n}",
        )  # fmt: skip
        for n in (1, 2)
    ]
    hidden = Contribution.objects.create(
        module=module, kind=ContributionKind.PROPOSAL, author=citizen, body="Masquée",
        status=Contribution.Status.HIDDEN, hidden_reason="spam",
    )  # fmt: skip
    token, secret = create_token(
        process.ministry, actor=referent, name="Plateforme partenaire",
        scopes=[Scope.CONTRIBUTIONS_WRITE, Scope.ANSWERS_WRITE],
    )  # fmt: skip
    return ApiState(module, process, organiser, referent, citizen, contributions, hidden, token,
                    secret)  # fmt: skip


@pytest.fixture
def state(db) -> ApiState:
    return api_state()

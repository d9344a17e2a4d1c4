import pytest

from concerto.opinionmaps import actions
from concerto.opinionmaps.models import Vote
from tests.factories import UserFactory, open_module

STATEMENTS = [
    "Il faut plus de pistes cyclables en ville.",
    "Le stationnement des voitures doit rester gratuit.",
    "Les trottinettes en libre-service doivent être interdites.",
    "Les transports en commun doivent être gratuits.",
    "La vitesse doit être limitée à 30 km/h partout en ville.",
    "Les parkings relais sont une bonne idée.",
    "Les livraisons doivent se faire à vélo cargo.",
    "Il faut fermer le centre-ville aux voitures le week-end.",
    "Les trottoirs doivent rester accessibles aux fauteuils roulants.",
]
CONSENSUS = len(STATEMENTS) - 1  # everyone agrees with the last statement


@pytest.fixture
def module_and_organiser(db):
    return open_module("opinion_map", title="Mobilités : la carte des opinions")


@pytest.fixture
def module(module_and_organiser):
    return module_and_organiser[0]


@pytest.fixture
def organiser(module_and_organiser):
    return module_and_organiser[1]


@pytest.fixture
def seeds(module, organiser):
    return [actions.add_seed_statement(module, actor=organiser, text=t) for t in STATEMENTS]


def camp_votes(statements, camp: int) -> list[int]:
    """Camp 0 agrees with even statements and disagrees with odd ones, camp 1 the reverse;
    both agree with the consensus statement."""
    return [
        Vote.AGREE if i == CONSENSUS or (i + camp) % 2 == 0 else Vote.DISAGREE
        for i in range(len(statements))
    ]


def two_camps(module, statements, n_per_camp: int = 5) -> list:
    """2 × n_per_camp citizens who vote on every statement, in two opposite camps."""
    citizens = []
    for camp in (0, 1):
        for _i in range(n_per_camp):
            citizen = UserFactory()
            for statement, value in zip(statements, camp_votes(statements, camp), strict=True):
                Vote.objects.create(statement=statement, participant=citizen, value=value)
            citizens.append(citizen)
    return citizens

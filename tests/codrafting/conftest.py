import uuid

import pytest

from concerto.codrafting import actions
from tests.factories import UserFactory, open_module

DRAFT = """\
# Projet de loi pour une République numérique

## Chapitre Ier - Économie de la donnée

### Article 1er

Les administrations publient en ligne les documents qu'elles communiquent.

Cette publication est gratuite.

### Article 2

Les données de référence sont mises à disposition.

## Chapitre II - Protection des droits

### Article 3

Toute personne peut demander l'effacement de ses données.

### Article 4

Les plateformes informent loyalement leurs utilisateurs.

### Article 5

La présente loi entre en vigueur le 1er janvier 2027.
"""


@pytest.fixture
def module_and_organiser(db):
    return open_module("text", title="Le projet de loi, article par article")


@pytest.fixture
def module(module_and_organiser):
    return module_and_organiser[0]


@pytest.fixture
def organiser(module_and_organiser):
    return module_and_organiser[1]


@pytest.fixture
def published(module, organiser):
    """The five-article draft imported and published as version 1."""
    version, _reading = actions.import_draft(
        module, actor=organiser, data=DRAFT, format="markdown", name="Projet de loi"
    )
    return actions.publish_version(version, actor=organiser)


def key() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def citizens(db):
    return UserFactory(first_name="Alice"), UserFactory(first_name="Bruno")

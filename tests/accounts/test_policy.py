"""Who someone is, decided once (issue 20): signed in, CIPC, administrator."""

import pytest
from django.contrib.auth.models import AnonymousUser

from concerto.accounts.policy import is_administrator, is_cipc, signed_in
from concerto.accounts.roles import Role
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_each_kind_of_person_is_what_the_policy_says():
    closed = user_with_role(Role.CIPC_ADVISOR)
    closed.is_active = False
    people = {
        "nobody": None,
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "referent": user_with_role(Role.REFERENT),
        "advisor": user_with_role(Role.CIPC_ADVISOR),
        "administrator": user_with_role(Role.ADMINISTRATOR),
        "closed advisor": closed,
    }
    answers = {
        name: (signed_in(person), is_cipc(person), is_administrator(person))
        for name, person in people.items()
    }
    assert answers == {
        "nobody": (False, False, False),
        "anonymous": (False, False, False),
        "citizen": (True, False, False),
        "referent": (True, False, False),
        "advisor": (True, True, False),
        "administrator": (True, True, True),
        "closed advisor": (False, False, False),
    }

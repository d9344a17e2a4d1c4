import pytest
from django.core.exceptions import ValidationError

from concerto.accounts.actions import grant_membership, register_user
from concerto.accounts.models import Membership
from concerto.accounts.roles import Role
from tests.factories import DirectorateFactory, MinistryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_register_user_creates_an_unconfirmed_citizen_with_a_usable_password():
    user, created = register_user(
        email="lea@exemple.fr",
        password="Mot-de-passe-solide-2026",
        first_name="Léa",
        last_name="Roy",
    )
    assert created and user.email_verified_at is None
    assert user.check_password("Mot-de-passe-solide-2026")
    assert user.roles == (Role.CITIZEN,)


def test_granting_a_membership_twice_creates_one():
    user, ministry = UserFactory(), MinistryFactory()
    first = grant_membership(user=user, organisation=ministry, role=Role.REFERENT)
    second = grant_membership(user=user, organisation=ministry, role=Role.REFERENT)
    assert first.pk == second.pk
    assert Membership.objects.count() == 1
    assert user.roles == (Role.REFERENT, Role.CITIZEN)


def test_granting_a_role_that_does_not_fit_the_organisation_changes_nothing():
    user = UserFactory()
    with pytest.raises(ValidationError):
        grant_membership(user=user, organisation=DirectorateFactory(), role=Role.CIPC_ADVISOR)
    assert Membership.objects.count() == 0
    assert user.roles == (Role.CITIZEN,)

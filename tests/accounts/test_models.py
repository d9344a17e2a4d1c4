import pytest
from django.core.exceptions import ValidationError

from concerto.accounts.models import Membership, User
from concerto.accounts.roles import OrganisationKind, Role
from tests.factories import (
    CipcFactory,
    DirectorateFactory,
    MembershipFactory,
    MinistryFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_stored_lowercase():
    user = User.objects.create_user("Anne.Durand@Exemple.FR", "Mot-de-passe-solide-2026")
    assert user.email == "anne.durand@exemple.fr"
    assert User.objects.get_by_natural_key("ANNE.DURAND@exemple.fr") == user


def test_a_user_without_membership_is_only_a_citizen():
    assert UserFactory().roles == (Role.CITIZEN,)


def test_roles_are_ordered_by_priority_with_citizen_last():
    user = user_with_role(Role.AGENT)
    MembershipFactory(user=user, organisation=CipcFactory(), role=Role.CIPC_ADVISOR)
    assert User.objects.get(pk=user.pk).roles == (Role.CIPC_ADVISOR, Role.AGENT, Role.CITIZEN)


def test_a_superuser_is_administrator_and_reaches_the_admin():
    user = user_with_role(Role.ADMINISTRATOR)
    assert user.roles == (Role.ADMINISTRATOR, Role.CITIZEN)
    assert user.is_staff is True
    assert UserFactory().is_staff is False


def test_a_user_may_hold_roles_in_several_organisations():
    user = UserFactory()
    first, second = DirectorateFactory(), DirectorateFactory()
    MembershipFactory(user=user, organisation=first, role=Role.AGENT)
    MembershipFactory(user=user, organisation=second, role=Role.AGENT)
    assert user.has_role(Role.AGENT, first) and user.has_role(Role.AGENT, second)
    assert not user.has_role(Role.REFERENT, first)


def test_a_directorate_knows_its_ministry():
    ministry = MinistryFactory()
    assert DirectorateFactory(parent=ministry).ministry == ministry
    assert ministry.ministry == ministry
    assert CipcFactory().ministry is None


def test_a_directorate_must_belong_to_a_ministry():
    directorate = DirectorateFactory.build(parent=CipcFactory())
    with pytest.raises(ValidationError) as error:
        directorate.clean()
    assert error.value.message_dict == {
        "parent": ["Une direction doit être rattachée à un ministère."]
    }


def test_a_referent_cannot_sit_in_a_directorate():
    membership = Membership(
        user=UserFactory(), organisation=DirectorateFactory(), role=Role.REFERENT
    )
    with pytest.raises(ValidationError) as error:
        membership.clean()
    assert error.value.message_dict["organisation"] == [
        "Le rôle « Référent ministériel » ne peut pas être tenu dans une organisation de type "
        "« Direction ou service »."
    ]
    assert OrganisationKind.MINISTRY in {MinistryFactory().kind}

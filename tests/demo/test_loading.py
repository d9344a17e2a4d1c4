import pytest

from concerto.accounts.models import Membership, Organisation, User
from concerto.demo.loading import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Organisation.objects.values_list("slug", "name", "kind", "parent__slug")),
        list(User.objects.values_list("email", "password", "is_superuser")),
        list(Membership.objects.values_list("user__email", "organisation__slug", "role")),
    )


def test_demo_data_loads_every_ministry_and_account_and_twice_changes_nothing():
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first
    assert Organisation.objects.filter(kind="ministry").count() == 21
    assert User.objects.count() == len(DEMO_ACCOUNTS) == 7
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.roles[0] == account.role


def test_a_changed_demo_password_survives_a_reload():
    load_demo()
    user = User.objects.get(email="citoyenne@exemple.fr")
    user.set_password("Nouveau-mot-de-passe-2026")
    user.save()
    load_demo()
    user.refresh_from_db()
    assert user.check_password("Nouveau-mot-de-passe-2026")

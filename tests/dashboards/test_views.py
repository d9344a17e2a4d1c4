import pytest

from concerto.accounts.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

LANDING = {
    Role.CITIZEN: ("citoyen", "Mon espace citoyen"),
    Role.AGENT: ("agent", "Espace agent public"),
    Role.REFERENT: ("referent", "Espace référent ministériel"),
    Role.CIPC_ADVISOR: ("cipc", "Espace du Centre interministériel de la participation citoyenne"),
    Role.EXPERT: ("expert", "Espace expert"),
    Role.PROVIDER: ("prestataire", "Espace prestataire"),
    Role.ADMINISTRATOR: ("administration", "Administration de la plateforme"),
}


@pytest.mark.parametrize("role", list(LANDING))
def test_each_role_lands_on_its_own_dashboard(client, role):
    client.force_login(user_with_role(role))
    slug, title = LANDING[role]
    response = client.get("/tableau-de-bord/", follow=True)
    assert response.redirect_chain == [(f"/tableau-de-bord/{slug}/", 302)]
    assert f"<h1>{title}</h1>" in response.content.decode()


@pytest.mark.parametrize("role", [r for r in LANDING if r != Role.CITIZEN])
def test_a_citizen_cannot_open_another_roles_dashboard(client, role):
    client.force_login(user_with_role(Role.CITIZEN))
    assert client.get(f"/tableau-de-bord/{LANDING[role][0]}/").status_code == 403


def test_dashboards_need_a_signed_in_user(client):
    response = client.get("/tableau-de-bord/agent/")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/tableau-de-bord/agent/"


def test_only_administrators_reach_the_django_admin(client):
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    assert client.get("/admin/").status_code == 302
    client.force_login(user_with_role(Role.ADMINISTRATOR, email="admin@exemple.gouv.fr"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Administration de Concerto" in response.content.decode()


def test_the_admin_lists_users_and_organisations_in_french(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    for path in (
        "/admin/accounts/user/",
        "/admin/accounts/organisation/",
        "/admin/accounts/user/add/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path

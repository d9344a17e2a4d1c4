import pytest

from concerto.accounts.roles import Role
from concerto.support.models import SupportRequest
from tests.factories import PASSWORD, DirectorateFactory, MinistryFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_offer_page_is_public(client):
    response = client.get("/accompagnement/")
    assert response.status_code == 200
    assert "Coaching léger" in response.text
    assert "Accompagnement de bout en bout" in response.text


def test_form_errors_keep_what_was_typed(client):
    ministry = MinistryFactory()
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    client.login(username=agent.email, password=PASSWORD)
    response = client.post(
        "/accompagnement/demande/",
        {"title": "Atelier citoyen", "context": "Un contexte précis", "needs": "",
         "calendar": "", "idempotency_key": "6f1c1f3e-4a36-4d9b-9df5-2d1c3c6d8c11"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Un contexte précis" in response.text
    assert SupportRequest.objects.count() == 0


def test_stranger_gets_404_on_a_request(client):
    ministry = MinistryFactory()
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    from concerto.support.actions import submit_request

    support_request = submit_request(
        actor=agent, ministry=ministry, title="t", context="c", needs="n", calendar="k",
        formula_requested="coaching",
    )  # fmt: skip
    stranger = user_with_role(Role.AGENT)
    client.login(username=stranger.email, password=PASSWORD)
    assert client.get(f"/accompagnement/demandes/{support_request.pk}/").status_code == 404
    response = client.post(f"/accompagnement/demandes/{support_request.pk}/accepter/")
    assert response.status_code == 404
    support_request.refresh_from_db()
    assert support_request.status == "submitted"

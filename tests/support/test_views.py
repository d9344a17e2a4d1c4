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


def test_the_list_filters_pages_and_exports_what_it_shows(client):
    from django.urls import reverse
    from django.utils import timezone

    from concerto.support import actions
    from concerto.support.models import Formula
    from concerto.testing.downloads import csv_rows
    from tests.factories import DirectorateFactory, MinistryFactory, user_with_role

    ministry = MinistryFactory(name="Ministère de la Culture")
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    advisor = user_with_role(Role.CIPC_ADVISOR, first_name="Camille", last_name="Conseil")
    titles = ["Convention sur l'eau", "Atelier patrimoine", "Consultation musées"]
    made = [
        actions.submit_request(
            actor=agent, ministry=ministry, title=title, context="C.", needs="B.", calendar="J.",
            formula_requested=Formula.COACHING,
        )
        for title in titles
    ]  # fmt: skip
    actions.accept_request(made[1], actor=advisor)
    actions.assign_advisor(made[1], actor=advisor, advisor=advisor)
    client.force_login(advisor)
    url = reverse("support:list")
    shown = client.get(url, {"q": "eau"})
    assert [item.title for item in shown.context["page_obj"]] == ["Convention sur l'eau"]
    mine = client.get(url, {"mine": "on"})
    assert [item.title for item in mine.context["page_obj"]] == ["Atelier patrimoine"]
    rows = csv_rows(client.get(reverse("support:list_csv"), {"mine": "on"}))
    assert rows == [
        ["demande", "ministere", "formule", "etat", "conseiller", "recue_le"],
        ["Atelier patrimoine", "Ministère de la Culture", "Coaching léger",
         "Acceptée", "Camille Conseil", f"{timezone.localdate():%Y-%m-%d}"],
    ]  # fmt: skip

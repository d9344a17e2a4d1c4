import pytest
from django.test import Client

from concerto.accounts.roles import Role
from concerto.community import actions
from concerto.community.models import AgentProfile
from tests.factories import MinistryFactory, user_with_role

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_community_is_for_public_servants():
    assert Client().get("/communaute/")["Location"] == "/connexion/?next=/communaute/"
    assert _client(user_with_role(Role.CITIZEN)).get("/communaute/").status_code == 403
    for role in (Role.AGENT, Role.REFERENT, Role.CIPC_ADVISOR):
        assert _client(user_with_role(role)).get("/communaute/").status_code == 200


def test_the_directory_lists_only_agents_who_opted_in():
    listed = user_with_role(Role.AGENT, first_name="Léa", last_name="Gautier")
    hidden = user_with_role(Role.AGENT, first_name="Karim", last_name="Haddad")
    actions.update_profile(
        actor=listed,
        fields={
            "is_listed": True,
            "job_title": "Cheffe de projet",
            "skills": "animation, tirage au sort",
        },
    )
    actions.update_profile(actor=hidden, fields={"is_listed": False, "job_title": "Chargé"})

    html = _client(hidden).get("/communaute/annuaire/").content.decode()

    assert "Léa Gautier" in html
    assert "tirage au sort" in html
    assert "Karim Haddad" not in html


def test_profile_form_saves_and_keeps_input_on_error():
    agent = user_with_role(Role.AGENT)
    ministry = MinistryFactory(name="Ministère de la Culture")
    client = _client(agent)

    response = client.post("/communaute/ma-fiche/", {"is_listed": "on", "skills": "animation"})
    assert response.status_code == 200
    assert "animation" in response.content.decode()
    assert not AgentProfile.objects.exists()

    response = client.post(
        "/communaute/ma-fiche/",
        {"is_listed": "on", "job_title": "Chargée de mission", "ministry": ministry.pk},
    )
    assert response["Location"] == "/communaute/annuaire/"
    profile = AgentProfile.objects.get()
    assert (profile.is_listed, profile.job_title, profile.ministry) == (
        True,
        "Chargée de mission",
        ministry,
    )


def test_an_empty_question_shows_errors_next_to_the_fields():
    response = _client(user_with_role(Role.AGENT)).post(
        "/communaute/questions/nouvelle/", {"title": "Ma question ?", "body": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ma question ?" in html
    assert "Ce champ est obligatoire." in html

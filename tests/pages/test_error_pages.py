"""Issue 22: every refusal is a DSFR page saying what happened and what to do; the CMS
never sends a signed-in non-editor round in circles."""

import pytest
from django.test import Client

from concerto.accounts.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}


def test_a_refusal_is_a_page_with_the_header_footer_and_a_way_forward():
    citizen = user_with_role(Role.CITIZEN)
    client = Client()
    client.force_login(citizen)
    response = client.get("/cipc/registre/", **HTML)
    assert response.status_code == 403
    text = response.content.decode()
    assert "<h1>Accès refusé</h1>" in text
    assert "Votre compte n'a pas accès à cette page." in text
    assert 'id="footer"' in text and 'href="/tableau-de-bord/"' in text


def test_a_signed_in_non_editor_opening_the_cms_gets_a_403_not_a_loop():
    citizen = user_with_role(Role.CITIZEN)
    client = Client()
    client.force_login(citizen)
    first = client.get("/cms/", **HTML)
    assert first.status_code == 302 and first["Location"].startswith("/cms/login/")
    door = client.get(first["Location"], **HTML)
    assert door.status_code == 403
    assert "<h1>Accès refusé</h1>" in door.content.decode()


def test_a_visitor_opening_the_cms_is_sent_to_sign_in():
    client = Client()
    first = client.get("/cms/", **HTML)
    door = client.get(first["Location"], **HTML)
    assert door.status_code == 302 and door["Location"] == "/connexion/?next=%2Fcms%2F"


def test_a_get_on_a_post_only_address_is_a_page_that_keeps_its_allow_header():
    response = Client().get("/deconnexion/", **HTML)
    assert response.status_code == 405
    assert "<h1>Action non permise</h1>" in response.content.decode()
    assert response["Allow"] == "POST, OPTIONS"
    api = Client().get("/deconnexion/", HTTP_ACCEPT="application/json")
    assert (api.status_code, api.content) == (405, b"")


def test_an_expired_form_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/connexion/", {"username": "a@b.fr", "password": "x"}, **HTML)
    assert response.status_code == 403
    text = response.content.decode()
    assert "<h1>Formulaire expiré</h1>" in text
    assert "rechargez-la, puis envoyez de nouveau le formulaire" in text

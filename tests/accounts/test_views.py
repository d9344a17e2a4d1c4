import pytest
from django.core import mail

from concerto.accounts.models import User
from concerto.testing.emails import assert_email
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_signup_refused_keeps_what_was_typed_and_explains_in_french(client):
    UserFactory(email="deja@exemple.fr")
    response = client.post(
        "/inscription/",
        {
            "first_name": "Jeanne",
            "last_name": "Martin",
            "email": "DEJA@exemple.fr",
            "password1": "Mot-de-passe-solide-2026",
            "password2": "Autre-mot-de-passe-2026",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    # Whether the address has an account is never said (finding 6 of issue 19).
    assert form.errors == {"password2": ["Les deux mots de passe ne sont pas identiques."]}
    html = response.content.decode()
    assert (
        'value="Jeanne"' in html and 'value="Martin"' in html and 'value="DEJA@exemple.fr"' in html
    )
    assert User.objects.count() == 1


def test_signup_rejects_a_weak_password_next_to_the_field(client):
    response = client.post(
        "/inscription/",
        {
            "first_name": "Jeanne",
            "last_name": "Martin",
            "email": "jeanne@exemple.fr",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    errors = response.context["form"].errors["password1"]
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in errors
    assert User.objects.count() == 0


def test_wrong_password_is_refused_with_a_french_message(client):
    UserFactory(email="anne@exemple.fr")
    response = client.post("/connexion/", {"username": "anne@exemple.fr", "password": "faux"})
    assert response.context["form"].non_field_errors() == [
        "Adresse électronique ou mot de passe incorrect. Vérifiez-les puis réessayez."
    ]
    assert "_auth_user_id" not in client.session


def test_login_is_case_insensitive_on_the_email(client):
    user = UserFactory(email="anne@exemple.fr")
    response = client.post("/connexion/", {"username": "ANNE@exemple.fr", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_sends_a_french_text_and_html_email(client, site_url):
    UserFactory(email="anne@exemple.fr")
    response = client.post("/mot-de-passe-oublie/", {"email": "anne@exemple.fr"})
    assert response.status_code == 302
    [message] = mail.outbox
    [link] = assert_email(
        message, to="anne@exemple.fr", subject="Concerto : choisir un nouveau mot de passe"
    )
    assert link.startswith("/reinitialisation/")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Choisir un nouveau mot de passe" in html


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post("/mot-de-passe-oublie/", {"email": "inconnu@exemple.fr"}, follow=True)
    assert response.redirect_chain == [("/mot-de-passe-oublie/envoye/", 302)]
    assert mail.outbox == []


def test_logout_requires_post(client):
    client.force_login(UserFactory())
    assert client.get("/deconnexion/").status_code == 405
    assert "_auth_user_id" in client.session

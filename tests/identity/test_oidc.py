import pytest
from django.contrib.messages import get_messages

from concerto.accounts.models import Membership, User
from concerto.accounts.roles import Role
from concerto.identity.models import LinkedIdentity
from tests.factories import MinistryFactory, UserFactory
from tests.identity.flow import SITE, authorize, callback, query, sign_in, start

pytestmark = pytest.mark.django_db

AGENT = {
    "sub": "pc-agent-0001",
    "email": "Agent.Public@exemple.gouv.fr",
    "given_name": "Paule",
    "usual_name": "Durand",
    "uid": "42",
    "siret": "11000201100044",
}
CITIZEN = {
    "sub": "fc-citizen-0001",
    "email": "jeanne.citoyenne@exemple.fr",
    "given_name": "Jeanne",
    "family_name": "Citoyenne",
}


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_proconnect_request_carries_state_nonce_acr_and_scopes(client, proconnect):
    url = start(client, "proconnect")
    params = query(url)
    assert url.startswith(f"{proconnect.issuer}/authorize?")
    assert params["scope"] == "openid email given_name usual_name uid siret"
    assert params["acr_values"] == "eidas1"
    assert params["client_id"] == "concerto-pc"
    assert params["redirect_uri"] == f"{SITE}/connexion/fournisseur-retour/"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert params["state"] != params["nonce"]


def test_franceconnect_request_uses_its_scopes(client, franceconnect):
    params = query(start(client, "franceconnect"))
    assert params["scope"] == "openid given_name family_name email"
    assert params["client_id"] == "concerto-fc"


def test_an_agent_signs_in_with_proconnect_matched_by_email(client, proconnect):
    agent = UserFactory(email="agent.public@exemple.gouv.fr", first_name="Paule", last_name="D.")
    proconnect.identity = AGENT
    response = sign_in(client, "proconnect")
    assert response.status_code == 302 and response["Location"] == "/tableau-de-bord/"
    assert client.session["_auth_user_id"] == str(agent.pk)
    assert client.session["identity_provider"] == "proconnect"
    identity = LinkedIdentity.objects.get()
    assert (identity.user, identity.provider, identity.sub) == (
        agent,
        "proconnect",
        "pc-agent-0001",
    )
    assert flash(response) == [
        "Votre identité ProConnect est désormais liée à votre compte Concerto."
    ]
    assert User.objects.count() == 1


def test_a_new_agent_gets_an_account_and_the_organisation_of_the_siret_proposed(client, proconnect):
    ministry = MinistryFactory(siret="11000201100044")
    proconnect.identity = AGENT
    response = sign_in(client, "proconnect")
    assert response["Location"] == "/connexion/organisation/"
    user = User.objects.get(email="agent.public@exemple.gouv.fr")
    assert (user.first_name, user.last_name) == ("Paule", "Durand")
    page = client.get("/connexion/organisation/")
    assert f"ProConnect indique que vous travaillez pour {ministry.name}" in page.text
    client.post("/connexion/organisation/", {"decision": "join"})
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (ministry, Role.AGENT)


def test_a_citizen_signs_in_with_franceconnect_and_logs_out_through_it(client, franceconnect):
    franceconnect.identity = CITIZEN
    response = sign_in(client, "franceconnect")
    user = User.objects.get(email="jeanne.citoyenne@exemple.fr")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.first_name, user.last_name, user.has_usable_password()) == (
        "Jeanne",
        "Citoyenne",
        False,
    )
    id_token = client.session["identity_id_token"]
    response = client.post("/deconnexion/")
    params = query(response["Location"])
    assert response["Location"].startswith(f"{franceconnect.issuer}/session/end?")
    assert params["id_token_hint"] == id_token
    assert params["post_logout_redirect_uri"] == f"{SITE}/deconnexion/retour/"
    assert "_auth_user_id" not in client.session
    back = authorize(response["Location"])
    assert franceconnect.logouts == [{"sub": "fc-citizen-0001", "state": params["state"]}]
    done = callback(client, back)
    assert flash(done)[-1] == "Vous êtes déconnecté de Concerto et de votre fournisseur d'identité."


def test_a_logout_return_with_another_state_is_not_trusted(client, franceconnect):
    franceconnect.identity = CITIZEN
    sign_in(client, "franceconnect")
    response = client.post("/deconnexion/")
    done = client.get("/deconnexion/retour/?state=" + "x" * 48)
    assert "_auth_user_id" not in client.session
    assert flash(done)[-1].startswith("Vous êtes déconnecté de Concerto, mais la réponse")
    assert response.status_code == 302


REFUSALS = {
    "signature": "La signature du jeton transmis par ProConnect est invalide : la connexion a été "
    "refusée. Recommencez ; si le problème persiste, contactez le support.",
    "nonce": "Le jeton transmis par ProConnect ne correspond pas à cette demande de connexion "
    "(nonce différent) : la connexion a été refusée. Recommencez la connexion.",
    "expired": "Le jeton transmis par ProConnect a expiré : la connexion a été refusée. "
    "Recommencez la connexion.",
}


@pytest.mark.parametrize("attack", sorted(REFUSALS))
def test_forged_tokens_are_refused_without_a_session(client, proconnect, attack):
    UserFactory(email="agent.public@exemple.gouv.fr")
    proconnect.identity = AGENT
    proconnect.attack = attack
    response = sign_in(client, "proconnect")
    assert response["Location"] == "/connexion/"
    assert flash(response) == [REFUSALS[attack]]
    assert "_auth_user_id" not in client.session
    assert not LinkedIdentity.objects.exists()


def test_a_replayed_state_is_refused(client, proconnect):
    proconnect.identity = AGENT
    url = authorize(start(client, "proconnect"))
    callback(client, url)
    client.logout()
    replay = callback(client, url)
    assert replay["Location"] == "/connexion/"
    assert flash(replay) == [
        "Cette demande de connexion a déjà été utilisée ou a expiré. "
        "Recommencez la connexion depuis cette page."
    ]
    assert "_auth_user_id" not in client.session


def test_a_userinfo_for_another_subject_is_refused(client, proconnect, monkeypatch):
    proconnect.identity = AGENT
    original = proconnect.userinfo

    def other_subject(start_response, environ, **kwargs):
        token = environ["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
        proconnect.access_tokens[token] = {**AGENT, "sub": "someone-else"}
        return original(start_response, environ=environ, **kwargs)

    monkeypatch.setattr(proconnect, "userinfo", other_subject)
    response = sign_in(client, "proconnect")
    assert flash(response)[0].startswith("Le jeton transmis par ProConnect n'est pas valide")
    assert "_auth_user_id" not in client.session


def test_an_unconfigured_provider_is_not_offered(client, settings):
    response = client.get("/connexion/")
    assert "ProConnect" not in response.text and "FranceConnect" not in response.text
    assert client.post("/connexion/fournisseur/proconnect/").status_code == 404


def test_the_sign_in_page_offers_proconnect_first(client, proconnect):
    html = client.get("/connexion/").text
    login_button = html.index('class="fr-btn">Se connecter')
    assert html.index("ProConnect") < html.index("FranceConnect") < login_button
    assert "Qu’est-ce que ProConnect ?" in html

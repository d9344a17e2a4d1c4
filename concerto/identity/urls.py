from django.urls import path

import concerto.converters  # noqa: F401 - registers the <id:...> and <year:...> converters
from concerto.identity.views import account, links, oidc, twofactor

app_name = "identity"

urlpatterns = [
    path(
        "connexion/fournisseur/<str:provider>/",
        oidc.AuthenticateView.as_view(),
        name="authenticate",
    ),
    path("connexion/fournisseur-retour/", oidc.CallbackView.as_view(), name="callback"),
    path("deconnexion/retour/", oidc.logout_return, name="logout_return"),
    path("connexion/verification/", twofactor.verify, name="totp_verify"),
    path("connexion/double-authentification/", twofactor.enrol, name="totp_enrol"),
    path("connexion/lien/", links.request_link, name="request_link"),
    path("connexion/lien/<str:token>/", links.sign_in_link, name="sign_in_link"),
    path("connexion/organisation/", account.organisation, name="organisation"),
    path("compte/identites/", account.identities, name="identities"),
    path("compte/identites/<id:identity_id>/retirer/", account.unlink, name="unlink"),
]

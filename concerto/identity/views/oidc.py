"""Sign-in, account linking and logout through ProConnect and FranceConnect."""

import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.utils import absolutify, import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from concerto.identity import actions, signin
from concerto.identity.backends import ProviderClient
from concerto.identity.errors import SignInRefused, refused
from concerto.identity.models import Provider
from concerto.identity.providers import get_provider

STATE_SIZE = 48  # the providers require at least 32 characters
NONCE_SIZE = 48
LOGOUT_STATE_KEY = "identity_logout_state"
PROPOSED_ORGANISATION_KEY = "identity_proposed_organisation"


class AuthenticateView(OIDCAuthenticationRequestView):
    """Send the browser to the provider with a fresh state and nonce (the library's view)."""

    http_method_names = ["get", "post"]

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the parent would read one provider from settings

    def get_settings(self, attr, *args):
        per_provider = {
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_STATE_SIZE": STATE_SIZE,
            "OIDC_NONCE_SIZE": NONCE_SIZE,
            "OIDC_USE_NONCE": True,
            "OIDC_USE_PKCE": False,
            "OIDC_AUTHENTICATION_CALLBACK_URL": "identity:callback",
            "OIDC_REDIRECT_FIELD_NAME": "next",
        }
        if attr in per_provider:
            return per_provider[attr]
        return import_from_settings(attr, *args)

    def get_extra_params(self, request):
        return {"acr_values": self.provider.acr_values} if self.provider.acr_values else {}

    def dispatch(self, request, *args, provider: str, **kwargs):
        self.provider = get_provider(provider)
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.provider.endpoint("authorization_endpoint")
        except SignInRefused as error:
            messages.error(request, error.message)
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        return self.get(request)

    def get(self, request):
        response = super().get(request)
        state = parse_qs(urlsplit(response.url).query)["state"][0]
        # Bind the provider (and a linking request) to this state: the callback trusts
        # only what it finds here, never what the provider's redirect says.
        entry = request.session["oidc_states"][state]
        entry["provider"] = self.provider.name
        if request.POST.get("intent") == "link" and request.user.is_authenticated:
            entry["link"] = request.user.pk
        request.session.modified = True
        return response


class CallbackView(View):
    http_method_names = ["get"]

    def get(self, request):
        states = request.session.get("oidc_states") or {}
        state = request.GET.get("state", "")
        entry = states.pop(state, None) if state else None
        request.session["oidc_states"] = states  # used once, even when refused below
        if entry is None:
            return self.refuse(refused("state"))
        linking = entry.get("link")
        try:
            provider = get_provider(entry["provider"])
            if request.GET.get("error") or not request.GET.get("code"):
                raise refused("provider", provider=provider.label)
            claims, id_token = ProviderClient(provider).exchange(
                code=request.GET["code"],
                nonce=entry["nonce"],
                redirect_uri=absolutify(request, reverse("identity:callback")),
            )
            if linking:
                return self.link(request, provider, claims, linking)
            user, linked = actions.sign_in_identity(provider, claims)
        except SignInRefused as error:
            return self.refuse(error, linking=bool(linking))
        if linked:
            messages.info(
                request,
                _("Votre identité %(provider)s est désormais liée à votre compte Concerto.")
                % {"provider": provider.label},
            )
        next_url = request.session.pop("oidc_login_next", None)
        organisation = None
        if provider.name == Provider.PROCONNECT:
            organisation = actions.proposed_organisation(user, claims)
        if organisation is not None:
            request.session[PROPOSED_ORGANISATION_KEY] = organisation.pk
            next_url = reverse("identity:organisation")
        return signin.begin_session(
            request, user, next_url=next_url, provider=provider.name, id_token=id_token
        )

    def link(self, request, provider, claims, user_pk):
        if not request.user.is_authenticated or request.user.pk != user_pk:
            raise refused("state")
        _identity, created = actions.link_identity(request.user, provider, claims)
        if created:
            text = _(
                "Votre identité %(provider)s est liée : vous pouvez l'utiliser pour vous connecter."
            )
        else:
            text = _("Cette identité %(provider)s était déjà liée à votre compte.")
        messages.success(request, text % {"provider": provider.label})
        return redirect("identity:identities")

    def refuse(self, error: SignInRefused, linking: bool = False):
        messages.error(self.request, error.message)
        if linking and self.request.user.is_authenticated:
            return redirect("identity:identities")
        return redirect("accounts:login")


def provider_logout(request) -> HttpResponseRedirect | None:
    """End the Django session; when a provider signed the person in, end its session too.

    Returns the redirect to the provider's end-session endpoint, or None when the
    person signed in with e-mail.
    """
    name = request.session.get(signin.PROVIDER_KEY)
    id_token = request.session.get(signin.ID_TOKEN_KEY)
    logout(request)
    if not name or not id_token:
        return None
    try:
        endpoint = get_provider(name).endpoint("end_session_endpoint")
    except (SignInRefused, KeyError, Http404):
        return None  # provider down or disabled: the local logout is done
    state = secrets.token_urlsafe(36)
    request.session[LOGOUT_STATE_KEY] = state
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": state,
            "post_logout_redirect_uri": absolutify(request, reverse("identity:logout_return")),
        }
    )
    return HttpResponseRedirect(f"{endpoint}?{query}")


def logout_return(request):
    """The provider sends the browser back here once its session has ended."""
    expected = request.session.pop(LOGOUT_STATE_KEY, None)
    received = request.GET.get("state", "")
    if expected and received and constant_time_compare(expected, received):
        messages.success(
            request, _("Vous êtes déconnecté de Concerto et de votre fournisseur d'identité.")
        )
    else:
        messages.warning(
            request,
            _(
                "Vous êtes déconnecté de Concerto, mais la réponse du fournisseur d'identité n'a "
                "pas pu être vérifiée : fermez votre navigateur pour terminer sa session."
            ),
        )
    return redirect("pages:home")

"""mozilla-django-oidc's backend, extended for several providers and JWT userinfo.

The library's backend reads one provider from global settings and checks only the
signature and the nonce; each ProviderClient takes its endpoints and keys from one
provider's discovery document and also checks the issuer, the audience, the expiry
and the level of assurance, turning every failure into a reason a person can read.
"""

import hmac

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from concerto.identity.errors import SignInRefused, refused
from concerto.identity.providers import ProviderConfig

LEEWAY = 30  # seconds of clock difference tolerated with the provider
SIGNING_ALGORITHM = "RS256"


class ProviderClient(OIDCAuthenticationBackend):
    def __init__(self, provider: ProviderConfig):  # noqa: D107 - the parent reads settings
        discovery = provider.discovery()
        self.provider = provider
        self.issuer = discovery["issuer"]
        self.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = SIGNING_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    def refuse(self, code: str) -> SignInRefused:
        return refused(code, provider=self.provider.label)

    def exchange(self, *, code: str, nonce: str, redirect_uri: str) -> tuple[dict, str]:
        """Trade the authorization code for verified claims and the ID token."""
        try:
            token_info = self.get_token(
                {
                    "client_id": self.OIDC_RP_CLIENT_ID,
                    "client_secret": self.OIDC_RP_CLIENT_SECRET,
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri,
                }
            )
        except (requests.RequestException, ValueError) as error:
            raise self.refuse("provider") from error
        id_token, access_token = token_info.get("id_token"), token_info.get("access_token")
        if not id_token or not access_token:
            raise self.refuse("provider")
        payload = self.verify_token(id_token, nonce=nonce)
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload["sub"]:
            raise self.refuse("invalid")
        return claims, id_token

    def verify_token(self, token, **kwargs):
        """Check signature, issuer, audience, expiry, then nonce and assurance level."""
        userinfo = kwargs.get("userinfo", False)
        try:
            key = self.retrieve_matching_jwk(token)
        except (SuspiciousOperation, jwt.PyJWTError, KeyError) as error:
            raise self.refuse("signature") from error
        except (requests.RequestException, ValueError) as error:
            raise self.refuse("unavailable") from error
        required = ["iss", "aud", "sub"] if userinfo else ["iss", "aud", "sub", "exp", "iat"]
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[SIGNING_ALGORITHM],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.issuer,
                leeway=LEEWAY,
                options={"require": required},
            )
        except jwt.ExpiredSignatureError as error:
            raise self.refuse("expired") from error
        except jwt.DecodeError as error:  # includes InvalidSignatureError
            raise self.refuse("signature") from error
        except jwt.InvalidTokenError as error:
            raise self.refuse("invalid") from error
        if userinfo:
            return payload
        nonce = kwargs.get("nonce") or ""
        if not hmac.compare_digest(str(payload.get("nonce", "")), nonce) or not nonce:
            raise self.refuse("nonce")
        if self.provider.acr_values and payload.get("acr") not in self.provider.acr_values.split():
            raise self.refuse("invalid")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """Userinfo as JSON, or as a JWT signed by the provider (ProConnect)."""
        try:
            response = requests.get(
                self.OIDC_OP_USER_ENDPOINT,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=self.get_settings("OIDC_TIMEOUT", None),
            )
            response.raise_for_status()
        except requests.RequestException as error:
            raise self.refuse("provider") from error
        if response.headers.get("content-type", "").lower().startswith("application/jwt"):
            return self.verify_token(response.text, userinfo=True)
        try:
            return response.json()
        except ValueError as error:
            raise self.refuse("provider") from error

"""A real OpenID Connect provider on loopback, for the tests and the demo.

A WSGI application served by a thread on 127.0.0.1: discovery document, JWKS,
authorization (auto-consent for the identity the test chose), token, userinfo
(JSON or, like ProConnect, a signed JWT) and end-session endpoints. ID tokens are
RS256-signed with joserfc. A test can make the next sign-in misbehave the way an
attacker would: a forged signature, another nonce, an expired token.

Given `demo_identities`, it is the demo's ProConnect or FranceConnect (`make run`,
concerto/demo/identity.py): the authorization page lets the visitor choose who to be,
under a notice that this is a demonstration.
"""

import html
import json
import secrets
import threading
import time
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from joserfc import jwt
from joserfc.jwk import RSAKey

KEY_ID = "loopback-key-1"


def discovery_url(issuer_url: str) -> str:
    return f"{issuer_url}/.well-known/openid-configuration"


def issuer(name: str, port: int) -> str:
    """The address of the provider `name` served on `port`: its discovery document is
    below it, at /.well-known/openid-configuration."""
    return f"http://127.0.0.1:{port}/{name}"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadedServer(WSGIServer):
    daemon_threads = True


class LoopbackProvider:
    def __init__(
        self,
        name: str,
        *,
        client_id: str,
        client_secret: str,
        userinfo_jwt: bool,
        demo_identities: list[dict] | None = None,
        label: str = "",
    ):
        self.name = name
        self.label = label or name
        # Each: the claims, plus "label" (who this is, as the chooser shows it).
        self.demo_identities = demo_identities or []
        self.client_id = client_id
        self.client_secret = client_secret
        self.userinfo_jwt = userinfo_jwt
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": KEY_ID, "alg": "RS256", "use": "sig"}
        )
        # Same key id, another key: what a forger without the provider's key would sign with.
        self.rogue_key = RSAKey.generate_key(
            2048, parameters={"kid": KEY_ID, "alg": "RS256", "use": "sig"}
        )
        self.reset()

    def reset(self) -> None:
        self.identity: dict | None = None
        self.attack: str | None = None
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, dict] = {}
        self.issued_id_tokens: set[str] = set()
        self.authorize_requests: list[dict] = []
        self.callback_urls: list[str] = []
        self.logouts: list[dict] = []

    # -- server -------------------------------------------------------------------
    def start(self, port: int = 0) -> "LoopbackProvider":
        self.server = make_server(
            "127.0.0.1", port, self, server_class=ThreadedServer, handler_class=QuietHandler
        )
        self.issuer = issuer(self.name, self.server.server_port)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def discovery_url(self) -> str:
        return discovery_url(self.issuer)

    def settings(self) -> dict:
        return {
            "discovery_url": self.discovery_url,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }

    # -- WSGI -----------------------------------------------------------------------
    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"].removeprefix(f"/{self.name}")
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        form = {}
        if environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
        routes = {
            "/.well-known/openid-configuration": self.discovery,
            "/jwks": self.jwks,
            "/authorize": self.authorize,
            "/token": self.token,
            "/userinfo": self.userinfo,
            "/session/end": self.end_session,
        }
        handler = routes.get(path)
        if handler is None:
            return self.respond(start_response, "404 Not Found", {"error": "not_found"})
        return handler(start_response, query=query, form=form, environ=environ)

    def respond(self, start_response, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, str) else json.dumps(body)
        start_response(status, [("Content-Type", content_type), *headers])
        return [data.encode()]

    def redirect(self, start_response, url):
        start_response("302 Found", [("Location", url)])
        return [b""]

    # -- endpoints --------------------------------------------------------------------
    def discovery(self, start_response, **_):
        return self.respond(
            start_response,
            "200 OK",
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "jwks_uri": f"{self.issuer}/jwks",
                "end_session_endpoint": f"{self.issuer}/session/end",
                "response_types_supported": ["code"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "userinfo_signing_alg_values_supported": ["RS256"],
                "acr_values_supported": ["eidas1"],
            },
        )

    def jwks(self, start_response, **_):
        return self.respond(start_response, "200 OK", {"keys": [self.key.as_dict(private=False)]})

    def authorize(self, start_response, query, form, environ, **_):
        chosen = None
        if environ["REQUEST_METHOD"] == "POST":  # the demo's chooser sent its choice
            query = {key: value for key, value in form.items() if key != "identity"}
            chosen = self._demo_identity(form.get("identity", ""))
        self.authorize_requests.append(query)
        identity = chosen or self.identity
        valid = (
            query.get("client_id") == self.client_id
            and query.get("response_type") == "code"
            and "openid" in query.get("scope", "").split()
            and len(query.get("state", "")) >= 32
            and len(query.get("nonce", "")) >= 32
        )
        if valid and identity is None and self.demo_identities:
            return self.chooser(start_response, query)
        if not valid or identity is None:
            return self.respond(start_response, "400 Bad Request", {"error": "invalid_request"})
        code = secrets.token_urlsafe(32)
        self.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "nonce": query["nonce"],
            "identity": dict(identity),
            "attack": self.attack,
        }
        url = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        self.callback_urls.append(url)
        return self.redirect(start_response, url)

    def _demo_identity(self, sub: str) -> dict | None:
        for identity in self.demo_identities:
            if identity["sub"] == sub:
                return {key: value for key, value in identity.items() if key != "label"}
        return None

    def chooser(self, start_response, query):
        """The demo's sign-in page: who to be, each a button carrying the request on."""
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in query.items()
        )
        buttons = "".join(
            f'<li><button type="submit" name="identity" value="{html.escape(i["sub"])}">'
            f"{html.escape(i['label'])}</button></li>"
            for i in self.demo_identities
        )
        title = f"{self.label} — environnement de démonstration"
        page = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title></head><body><main>"
            f"<h1>{html.escape(title)}</h1>"
            "<p>Ce fournisseur d'identité est simulé sur cet ordinateur pour la démonstration "
            "de Concerto : aucun mot de passe n'est demandé et aucune donnée ne quitte la "
            "machine. Choisissez la personne que vous voulez être.</p>"
            f'<form method="post" action="{html.escape(self.issuer)}/authorize">{hidden}'
            f"<ul>{buttons}</ul></form></main></body></html>"
        )
        return self.respond(start_response, "200 OK", page, content_type="text/html; charset=utf-8")

    def token(self, start_response, form, **_):
        grant = self.codes.pop(form.get("code", ""), None)  # a code is used once
        if (
            grant is None
            or form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return self.respond(start_response, "400 Bad Request", {"error": "invalid_grant"})
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": grant["identity"]["sub"],
            "iat": now,
            "exp": now + 60,
            "auth_time": now,
            "nonce": grant["nonce"],
            "acr": "eidas1",
        }
        key = self.key
        if grant["attack"] == "nonce":
            claims["nonce"] = secrets.token_urlsafe(36)
        elif grant["attack"] == "expired":
            claims["iat"], claims["exp"] = now - 3600, now - 1800
        elif grant["attack"] == "signature":
            key = self.rogue_key
        id_token = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, key)
        self.issued_id_tokens.add(id_token)
        access_token = secrets.token_urlsafe(32)
        self.access_tokens[access_token] = grant["identity"]
        return self.respond(
            start_response,
            "200 OK",
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 60,
                "id_token": id_token,
            },
        )

    def userinfo(self, start_response, environ, **_):
        token = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
        identity = self.access_tokens.get(token)
        if identity is None:
            return self.respond(start_response, "401 Unauthorized", {"error": "invalid_token"})
        if not self.userinfo_jwt:
            return self.respond(start_response, "200 OK", identity)
        claims = {"iss": self.issuer, "aud": self.client_id, **identity}
        signed = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, self.key)
        return self.respond(start_response, "200 OK", signed, content_type="application/jwt")

    def end_session(self, start_response, query, **_):
        hint = query.get("id_token_hint", "")
        redirect_uri = query.get("post_logout_redirect_uri", "")
        if (
            hint not in self.issued_id_tokens
            or not redirect_uri
            or len(query.get("state", "")) < 32
        ):
            return self.respond(start_response, "400 Bad Request", {"error": "invalid_request"})
        sub = jwt.decode(hint, self.key).claims["sub"]
        self.logouts.append({"sub": sub, "state": query["state"]})
        return self.redirect(
            start_response, f"{redirect_uri}?{urlencode({'state': query['state']})}"
        )

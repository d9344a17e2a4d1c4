"""Drive a sign-in through a loopback provider with Django's test client."""

from urllib.parse import parse_qs, urlsplit

import requests

SITE = "http://testserver"


def start(client, provider: str, data: dict | None = None) -> str:
    response = client.post(f"/connexion/fournisseur/{provider}/", data or {})
    assert response.status_code == 302, response
    return response["Location"]


def authorize(url: str) -> str:
    """The provider's answer to the authorization request: the callback URL."""
    response = requests.get(url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def callback(client, url: str):
    return client.get(url.removeprefix(SITE))


def sign_in(client, provider: str, data: dict | None = None):
    return callback(client, authorize(start(client, provider, data)))


def query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]

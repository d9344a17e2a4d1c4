"""The identity providers Concerto trusts, configured by settings and discovery."""

import threading
import time
from dataclasses import dataclass

import requests
from django.conf import settings
from django.http import Http404

from concerto.identity.errors import refused
from concerto.identity.models import Provider

DISCOVERY_TTL = 3600  # seconds; a provider rotating its keys is seen within the hour
_discovery_cache: dict[str, tuple[float, dict]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class ProviderConfig:
    name: str
    label: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    acr_values: str

    def discovery(self) -> dict:
        """The provider's discovery document, fetched once an hour."""
        now = time.monotonic()
        with _lock:
            cached = _discovery_cache.get(self.discovery_url)
        if cached and now - cached[0] < DISCOVERY_TTL:
            return cached[1]
        try:
            response = requests.get(self.discovery_url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise refused("unavailable", provider=self.label) from error
        with _lock:
            _discovery_cache[self.discovery_url] = (now, document)
        return document

    def endpoint(self, key: str) -> str:
        return self.discovery()[key]


def forget_discovery() -> None:
    """Drop cached discovery documents (tests start providers on new ports)."""
    with _lock:
        _discovery_cache.clear()


def enabled_providers() -> list[str]:
    return [
        name
        for name in Provider.values
        if settings.IDENTITY_PROVIDERS.get(name, {}).get("client_id")
    ]


def get_provider(name: str) -> ProviderConfig:
    if name not in enabled_providers():
        raise Http404
    config = settings.IDENTITY_PROVIDERS[name]
    return ProviderConfig(
        name=name,
        label=str(Provider(name).label),
        discovery_url=config["discovery_url"],
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        scopes=config["scopes"],
        acr_values=config.get("acr_values", ""),
    )

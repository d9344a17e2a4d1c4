import copy

import pytest

from concerto.content_policy import form_action
from concerto.identity.providers import forget_discovery
from concerto.testing.oidc import LoopbackProvider

PROCONNECT_SUBS = "proconnect-sub-"


@pytest.fixture(scope="session")
def _loopback_providers():
    proconnect = LoopbackProvider(
        "proconnect", client_id="concerto-pc", client_secret="pc-secret", userinfo_jwt=True
    ).start()
    franceconnect = LoopbackProvider(
        "franceconnect", client_id="concerto-fc", client_secret="fc-secret", userinfo_jwt=False
    ).start()
    yield proconnect, franceconnect
    proconnect.stop()
    franceconnect.stop()


def _configure(settings, providers):
    configured = {name: dict(config) for name, config in settings.IDENTITY_PROVIDERS.items()}
    for provider in providers:
        provider.reset()
        configured[provider.name].update(provider.settings())
    settings.IDENTITY_PROVIDERS = configured
    # Forms may lead to the loopback providers, as the settings allow for the real ones.
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_CMS"):
        policy = copy.deepcopy(getattr(settings, name))
        policy["DIRECTIVES"]["form-action"] = form_action(configured)
        setattr(settings, name, policy)
    forget_discovery()


@pytest.fixture
def proconnect(_loopback_providers, settings):
    _configure(settings, _loopback_providers)
    return _loopback_providers[0]


@pytest.fixture
def franceconnect(_loopback_providers, settings):
    _configure(settings, _loopback_providers)
    return _loopback_providers[1]

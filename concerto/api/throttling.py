"""Rate limits: per address for anonymous readers, per token for organisations."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from concerto.api.models import ApiToken
from concerto.clientaddress import client_address


class SettingsRate:
    """Read the rate when a request comes, not when the module is imported: settings
    changed at run time (tests, reloads) apply."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousThrottle(SettingsRate, AnonRateThrottle):
    scope = "anonymous"

    def get_ident(self, request):
        # DRF's own believes any X-Forwarded-For: a client would pick its own counter.
        return client_address(request)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(SettingsRate, SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}

"""The parts of the Content-Security-Policy that depend on configuration, and the
policy of Wagtail's editor under /cms/.

django-csp's middleware sends the site's policy (settings.CONTENT_SECURITY_POLICY) on
every response, Django's admin included: its scripts and styles are files of this site.
Wagtail's editor runs inline scripts and styles: its views carry
settings.CONTENT_SECURITY_POLICY_CMS instead, which the middleware sends in its place."""

from functools import wraps
from urllib.parse import urlsplit

from csp.constants import HEADER, SELF
from django.conf import settings


def provider_origins(providers: dict) -> list[str]:
    """The origins of the identity providers offered (those with a client id).

    Signing in or out posts a form to this site, which redirects to the provider's
    authorisation or end-session endpoint, on the host of its discovery document;
    Chromium applies form-action to those redirects too."""
    origins = []
    for provider in providers.values():
        if not provider.get("client_id"):
            continue
        url = urlsplit(provider["discovery_url"])
        origin = f"{url.scheme}://{url.netloc}"
        if origin not in origins:
            origins.append(origin)
    return origins


def form_action(providers: dict) -> list[str]:
    return [SELF, *provider_origins(providers)]


def with_cms_policy(view):
    """The view's responses carry the editor's policy rather than the site's.

    A page's preview is rendered by a request of its own through every middleware, which
    gives it the site's policy: the editor's replaces it, or the editor could not frame it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if HEADER in response:
            del response[HEADER]
        response._csp_config = settings.CONTENT_SECURITY_POLICY_CMS["DIRECTIVES"]
        return response

    return wrapped


def under_cms_policy(urlpatterns: list) -> list:
    """Every view of `urlpatterns`, included ones too, sends the editor's policy."""
    # Imported here: the settings import this module, before any application is loaded.
    from wagtail.utils.urlpatterns import decorate_urlpatterns

    return decorate_urlpatterns(urlpatterns, with_cms_policy)

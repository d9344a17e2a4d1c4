import re

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from concerto.processes.models import Process
from concerto.representativeness.abilities import representativeness_abilities
from concerto.representativeness.actions import needs_profile


def process_by_slug(request, slug: str, ability: str = "view"):
    """The process if the user may see it (else 404) and do `ability` on its page (else 404)."""
    process = get_object_or_404(
        Process.objects.visible_to(request.user).select_related("ministry", "profile_settings"),
        slug=slug,
    )
    abilities = representativeness_abilities(process, request.user)
    if not abilities["view"] and ability != "answer":
        raise Http404
    if ability not in ("view", "answer") and not abilities[ability]:
        raise Http404
    return process, abilities


def after_contribution(request, process, next_url: str):
    """Where to go once a contribution is stored: the profile questions, once per process."""
    if needs_profile(process, request.user):
        url = reverse("representativeness:answer", args=[process.slug])
        return redirect(f"{url}?{urlencode({'suivant': next_url})}")
    return redirect(next_url)


# A path of this site: no scheme, no host, no control character or backslash.
_LOCAL_PATH = re.compile(r"/(?!/)[^\s\x00-\x1f\x7f\\]*")


def safe_next(request, default: str) -> str:
    """Where to go back: the `suivant` path if it is one of this site's, else `default`."""
    target = request.POST.get("suivant") or request.GET.get("suivant") or ""
    if _LOCAL_PATH.fullmatch(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode

from concerto.processes.models import Process
from concerto.redirects import local_path
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


def profile_step(request, process, next_url: str) -> str | None:
    """Once a contribution is stored, the profile questions, once per process
    (registered as a step of concerto.participation.next_steps)."""
    if needs_profile(process, request.user):
        url = reverse("representativeness:answer", args=[process.slug])
        return f"{url}?{urlencode({'suivant': next_url})}"
    return None


def safe_next(request, default: str) -> str:
    """Where to go back: the `suivant` path if it is one of this site's, else `default`."""
    target = request.POST.get("suivant") or request.GET.get("suivant") or ""
    return local_path(request, target) or default

"""What every page of the administration space shares: who may open it, its breadcrumb."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from concerto.accounts.abilities import may_manage_role

PER_PAGE = 50


def require_manager(request) -> None:
    """The space is the platform administrators' and the CIPC advisors'."""
    if not may_manage_role(request.user):
        raise PermissionDenied


def breadcrumb(current: str, *parents: tuple[str, str]) -> dict:
    """The dashboard, then each (url, title) of `parents`, then the current page."""
    links = [{"url": reverse("dashboards:home"), "title": _("Tableau de bord")}]
    links += [{"url": url, "title": title} for url, title in parents]
    return {"id": "breadcrumb", "links": links, "current": current}
